import { describe, expect, it } from "vitest";
import { bulkRequest, changedIds, jobRefusals, refusals, tagList } from "./bulkRequest";
import { allShownTicked, withAllShown, withoutChanged, withTick } from "./selection";

const result = {
  action: "move_stage" as const, succeeded: 1, failed: 2,
  results: [
    { id: "a", ok: true, code: null, message: null },
    { id: "b", ok: false, code: "FAILED_PRECONDITION", message: "deal b is already in stage talks" },
    { id: "c", ok: false, code: "NOT_FOUND", message: null },
  ],
};

describe("a bulk request", () => {
  it("carries the action's fields and null for the others", () => {
    expect(bulkRequest("move_stage", ["a", "b"], { stage: "talks", pipeline_id: "p" })).toEqual({
      action: "move_stage", ids: ["a", "b"], stage: "talks", pipeline_id: "p", tags: null, owner_id: null,
      status: null, reason: null,
    });
  });

  it("reads tags typed with commas", () => {
    expect(tagList(" vip, ,gold ,")).toEqual(["vip", "gold"]);
  });
});

describe("the answer", () => {
  it("names the refused records as the list does, with the API's reason (or its code)", () => {
    expect(refusals(result, new Map([["b", "Big deal"]]))).toEqual([
      { id: "b", name: "Big deal", message: "deal b is already in stage talks" },
      { id: "c", name: "c", message: "NOT_FOUND" },
    ]);
    expect(changedIds(result)).toEqual(["a"]);
  });
});

describe("a bulk job's errors", () => {
  it("name each refused record by its id, with the API's code and reason", () => {
    expect(jobRefusals([{ line: 3, field: "d7", column: null, message: "NOT_FOUND: deal d7 not found" }]))
      .toEqual([{ id: "d7", name: "d7", message: "NOT_FOUND: deal d7 not found" }]);
  });
});

describe("the ticked rows", () => {
  it("tick and untick one", () => {
    expect([...withTick(new Set(["a"]), "b", true)]).toEqual(["a", "b"]);
    expect([...withTick(new Set(["a", "b"]), "a", false)]).toEqual(["b"]);
  });

  it("tick every row shown, keeping others, and untick them all", () => {
    expect([...withAllShown(new Set(["x"]), ["a", "b"], true)]).toEqual(["x", "a", "b"]);
    expect([...withAllShown(new Set(["x", "a", "b"]), ["a", "b"], false)]).toEqual(["x"]);
    expect(allShownTicked(new Set(["a", "b"]), ["a", "b"])).toBe(true);
    expect(allShownTicked(new Set(["a"]), ["a", "b"])).toBe(false);
    expect(allShownTicked(new Set(), [])).toBe(false);
  });

  it("keep what a change refused ticked", () => {
    expect([...withoutChanged(new Set(["a", "b", "c"]), ["a"])]).toEqual(["b", "c"]);
  });
});
