import { describe, expect, it } from "vitest";
import { moveCard, nextActivityMarker, type Board, type Card } from "./board";
import { amountOf, centsOf, lineTotalCents, weightedCents } from "./money";

function card(id: string, value: string, currency = "EUR", probability = 10): Card {
  return {
    id, title: id, customer_id: "c", customer_name: "C", owner_id: "u", value, currency, probability,
    expected_revenue: amountOf(weightedCents(centsOf(value), probability)), expected_close_date: null,
    status: "open", stage_entered_at: "2026-01-01T00:00:00Z", next_activity_at: null, rotting: true,
    updated_at: "2026-01-01T00:00:00Z", version: "1",
  };
}

function money(total: string, byCurrency: Record<string, string>) {
  return { base: "EUR", total, by_currency: byCurrency };
}

const board: Board = {
  pipeline_id: "sales", pipeline_name: "Sales", per_column: 10, owner_id: null, unconverted_currencies: [],
  columns: [
    { id: "lead", name: "Lead", kind: "open", probability: 10, color: "#000000", rotting_days: null, count: 3,
      value: money("190.00", { EUR: "150.00", USD: "50.00" }), weighted_value: money("19.00", { EUR: "15.00", USD: "5.00" }),
      deals: [card("a", "100.00"), card("b", "50.00", "USD"), card("c", "50.00")], next_cursor: null },
    { id: "won", name: "Won", kind: "won", probability: 100, color: "#000000", rotting_days: null, count: 1,
      value: money("75.00", { EUR: "75.00" }), weighted_value: money("75.00", { EUR: "75.00" }),
      deals: [card("d", "75.00", "EUR", 100)], next_cursor: null },
  ],
};

describe("moveCard", () => {
  it("moves the card and its figures, per currency", () => {
    const moved = moveCard(board, "b", "won");
    const [lead, won] = moved.columns;
    expect(lead.deals.map((d) => d.id)).toEqual(["a", "c"]);
    expect(lead.count).toBe(2);
    expect(lead.value.by_currency).toEqual({ EUR: "150.00" });
    expect(lead.value.total).toBe("190.00"); // USD reaches the base total only through the rates
    expect(won.deals.map((d) => d.id)).toEqual(["d", "b"]);
    expect(won.value.by_currency).toEqual({ EUR: "75.00", USD: "50.00" });
    expect(won.weighted_value.by_currency).toEqual({ EUR: "75.00", USD: "50.00" });
    expect(won.deals[1]).toMatchObject({ probability: 100, status: "won", expected_revenue: "50.00", rotting: false });
  });

  it("keeps the base total in step for base-currency cards", () => {
    const [lead, won] = moveCard(board, "a", "won").columns;
    expect([lead.value.total, won.value.total]).toEqual(["90.00", "175.00"]);
    expect(won.deals.map((d) => d.id)).toEqual(["a", "d"]);
  });

  it("leaves the board as it was for an unknown card or the same column", () => {
    expect(moveCard(board, "zzz", "won")).toBe(board);
    expect(moveCard(board, "a", "lead")).toBe(board);
  });
});

describe("nextActivityMarker", () => {
  const now = new Date(2026, 4, 10, 12, 0);
  it.each([
    [null, "none"],
    [new Date(2026, 4, 10, 9, 0).toISOString(), "overdue"],
    [new Date(2026, 4, 10, 18, 0).toISOString(), "today"],
    [new Date(2026, 4, 11, 8, 0).toISOString(), "later"],
  ])("%s is %s", (at, marker) => expect(nextActivityMarker(at, now)).toBe(marker));
});

describe("money", () => {
  it.each([["1234.5", 123450], ["0.05", 5], ["-3.10", -310], ["7", 700]])("%s is %i cents", (text, cents) => {
    expect(centsOf(text)).toBe(cents);
  });
  it("rounds half up", () => {
    expect(weightedCents(10001, 50)).toBe(5001);
    expect(lineTotalCents("3", "19.99")).toBe(5997);
    expect(lineTotalCents("0.125", "1.00")).toBe(13);
    expect(lineTotalCents("x", "1")).toBeNull();
  });
});
