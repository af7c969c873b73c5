import { describe, expect, it } from "vitest";
import { changedFields } from "./keepEdits";

describe("the fields a user changed", () => {
  const started = { subject: "Call", description: "", customer: { id: "c1", name: "Ann" }, tags: ["a"] };
  it("are those whose value differs from the version the user started from", () => {
    const current = { ...started, subject: "Call back", customer: { id: "c2", name: "Bob" } };
    expect(changedFields(current, started)).toEqual(["subject", "customer"]);
  });
  it("compare objects and lists by value, and none when nothing changed", () => {
    expect(changedFields({ ...started, customer: { id: "c1", name: "Ann" }, tags: ["a"] }, started)).toEqual([]);
    expect(changedFields({ ...started, tags: ["a", "b"] }, started)).toEqual(["tags"]);
  });
});
