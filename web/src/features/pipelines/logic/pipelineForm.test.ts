import { describe, expect, it } from "vitest";
import type { Pipeline } from "../api";
import { newStage, removedStages, stageIdFrom, toCreate, toFormValues, toUpdate } from "./pipelineForm";

const pipeline: Pipeline = {
  id: "p1", name: "Sales", is_default: false, created_at: "", updated_at: "", version: "1",
  stages: [
    { id: "lead", name: "Lead", probability: 10, color: "#90caf9", kind: "open", rotting_days: 14 },
    { id: "quote", name: "Quote", probability: 50, color: "#9e9e9e", kind: "open", rotting_days: null },
    { id: "won", name: "Won", probability: 100, color: "#43a047", kind: "won", rotting_days: null },
    { id: "lost", name: "Lost", probability: 0, color: "#e53935", kind: "lost", rotting_days: null },
  ],
};

describe("pipeline form", () => {
  it("makes stage ids from names, unique", () => {
    expect(stageIdFrom("Follow up!", [])).toBe("follow_up");
    expect(stageIdFrom("Follow up", ["follow_up"])).toBe("follow_up_2");
    expect(stageIdFrom("Προσφορά", [])).toBe("prosfora");
  });

  it("sends nothing when nothing changed", () => {
    expect(toUpdate(toFormValues(pipeline), pipeline)).toEqual({});
  });

  it("sends the new stages and where the deals of a removed one go", () => {
    const values = toFormValues(pipeline);
    values.stages = [values.stages[0], newStage("Negotiation", "open", 75), ...values.stages.slice(2)];
    values.stage_moves = { quote: "lead" };
    expect(removedStages(values, pipeline).map((s) => s.id)).toEqual(["quote"]);
    const body = toUpdate(values, pipeline);
    expect(body.stages?.map((s) => s.id)).toEqual(["lead", "negotiation", "won", "lost"]);
    expect(body.stage_moves).toEqual({ quote: "lead" });
  });

  it("keeps rotting days on open stages only", () => {
    const values = toFormValues();
    values.name = "New";
    values.stages[0].rotting_days = "10";
    values.stages[2].rotting_days = "5";
    expect(toCreate(values).stages.map((s) => s.rotting_days)).toEqual([10, null, null, null]);
  });
});
