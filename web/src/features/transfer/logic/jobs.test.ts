import { describe, expect, it } from "vitest";
import { formatOf, isRunning, orderedCounts, percentDone, splitParts } from "./jobs";

describe("splitParts", () => {
  it("cuts a text into parts of at most the size, in order, that join back into it", () => {
    const text = "name,email\nAda,ada@example.com\n";
    const parts = splitParts(text, 7);
    expect(parts.every((part) => part.length <= 7)).toBe(true);
    expect(parts.join("")).toBe(text);
    expect(parts).toHaveLength(5);
  });

  it("gives no part for an empty text", () => {
    expect(splitParts("", 10)).toEqual([]);
  });
});

describe("job progress", () => {
  it("is a percentage of the total, unknown without one, full once succeeded", () => {
    expect(percentDone({ status: "running", progress: { done: 250, total: 1000 } })).toBe(25);
    expect(percentDone({ status: "running", progress: { done: 3, total: null } })).toBeNull();
    expect(percentDone({ status: "succeeded", progress: { done: 3, total: null } })).toBe(100);
  });

  it("is polled while queued or running only", () => {
    expect(isRunning({ status: "queued" })).toBe(true);
    expect(isRunning({ status: "running" })).toBe(true);
    expect(isRunning({ status: "failed" })).toBe(false);
  });

  it("lists counts with created first and failed last", () => {
    const job = { status: "succeeded" as const, progress: { counts: { failed: 1, unchanged: 2, created: 5 } } };
    expect(orderedCounts(job)).toEqual([["created", 5], ["unchanged", 2], ["failed", 1]]);
  });
});

describe("formatOf", () => {
  it("reads JSON Lines from the name, else CSV", () => {
    expect(formatOf("people.JSONL")).toBe("jsonl");
    expect(formatOf("people.ndjson")).toBe("jsonl");
    expect(formatOf("people.csv")).toBe("csv");
  });
});
