import { describe, expect, it } from "vitest";
import {
  moveLead, openPlaces, placeOf, placeValue, scoreIn, type LeadBoard, type LeadCard, type LeadStage,
} from "./leadBoard";

const stage = (id: string, probability: number, kind: LeadStage["kind"] = "open",
  substages: LeadStage["substages"] = []): LeadStage =>
  ({ id, name: id.toUpperCase(), probability, color: "#000000", kind, rotting_days: null, substages });

const NEW = stage("new", 10, "open", [{ id: "unreviewed", status: "Not reviewed", score: 5, description: null }]);
const CONTACTED = stage("contacted", 25, "open", [
  { id: "replied", status: "Replied", score: 30, description: null },
  { id: "no-score", status: "No score", score: null, description: null },
]);
const CONVERTED = stage("converted", 100, "won");
const LOST = stage("lost", 0, "lost");

const card = (id: string, score: number, where: string, substage: string | null = null): LeadCard =>
  ({ id, name: id, status: "lead", score, lead_stage: where, lead_substage: substage, tags: [], owner_id: null,
    organization: null, priority: null, rating: null, lead_stage_entered_at: "2026-01-01T00:00:00Z" });

function board(): LeadBoard {
  return {
    pipeline: { id: "p", name: "Leads", is_default: true, stages: [NEW, CONTACTED, CONVERTED, LOST] } as never,
    owner_id: null,
    total: 3,
    columns: [
      { stage: NEW, count: 2, substage_counts: { unreviewed: 1, _none: 1 }, cards: [card("a", 10, "new"),
        card("b", 5, "new", "unreviewed")], next_cursor: null },
      { stage: CONTACTED, count: 1, substage_counts: { replied: 1 }, cards: [card("c", 30, "contacted", "replied")],
        next_cursor: null },
      { stage: CONVERTED, count: 0, substage_counts: {}, cards: [], next_cursor: null },
      { stage: LOST, count: 0, substage_counts: {}, cards: [], next_cursor: null },
    ],
  };
}

describe("the lead board", () => {
  it("scores a place by its substage, else by its stage", () => {
    expect(scoreIn(CONTACTED, "replied")).toBe(30);
    expect(scoreIn(CONTACTED, "no-score")).toBe(25);
    expect(scoreIn(CONTACTED, null)).toBe(25);
  });

  it("encodes a place as one value and back", () => {
    expect(placeOf(placeValue({ stage: "contacted", substage: "replied" }))).toEqual(
      { stage: "contacted", substage: "replied" });
    expect(placeOf(placeValue({ stage: "new", substage: null }))).toEqual({ stage: "new", substage: null });
  });

  it("offers every open stage and substage but the card's own place", () => {
    const places = openPlaces(board(), { stage: "new", substage: "unreviewed" }).map(({ place }) => placeValue(place));
    expect(places).toEqual(["new", "contacted", "contacted/replied", "contacted/no-score"]);
  });

  it("moves a lead to another column with its new score, counts following, best score first", () => {
    const moved = moveLead(board(), "a", { stage: "contacted", substage: "replied" }, new Date("2026-02-01T00:00:00Z"));
    const [fresh, contacted] = moved.columns;
    expect(fresh.count).toBe(1);
    expect(fresh.substage_counts).toEqual({ unreviewed: 1 });
    expect(contacted.count).toBe(2);
    expect(contacted.substage_counts).toEqual({ replied: 2 });
    expect(contacted.cards.map((c) => [c.id, c.score])).toEqual([["a", 30], ["c", 30]]);
    expect(contacted.cards[0].lead_stage_entered_at).toBe("2026-02-01T00:00:00.000Z");
  });

  it("moves a lead between substages of its column, keeping when it entered the stage", () => {
    const moved = moveLead(board(), "b", { stage: "new", substage: null });
    const [fresh] = moved.columns;
    expect(fresh.count).toBe(2);
    expect(fresh.substage_counts).toEqual({ _none: 2 });
    expect(fresh.cards.find((c) => c.id === "b")).toMatchObject({ score: 10, lead_substage: null,
      lead_stage_entered_at: "2026-01-01T00:00:00Z" });
  });

  it("leaves the board as it is for a lead it does not hold", () => {
    const before = board();
    expect(moveLead(before, "nobody", { stage: "contacted", substage: null })).toBe(before);
  });
});
