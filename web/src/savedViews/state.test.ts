import { describe, expect, it } from "vitest";
import { compact, sameState } from "./state";

describe("saved view state", () => {
  it("leaves out what is empty, as the API keeps it", () => {
    expect(compact({ search: "", status: null, tag: "vip", columns: [], order: undefined, owner_id: "u1" }))
      .toEqual({ tag: "vip", owner_id: "u1" });
  });

  it("compares states whatever their order and empty values", () => {
    expect(sameState({ pipeline_id: "p1", owner_id: null }, { pipeline_id: "p1" })).toBe(true);
    expect(sameState({ tag: "a", status: "lead" }, { status: "lead", tag: "a" })).toBe(true);
    expect(sameState({ pipeline_id: "p1" }, { pipeline_id: "p2" })).toBe(false);
    expect(sameState({ columns: ["email", "phone"] }, { columns: ["phone", "email"] })).toBe(false);
  });
});
