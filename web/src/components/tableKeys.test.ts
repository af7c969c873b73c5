import { describe, expect, it } from "vitest";
import { rowMove } from "./tableKeys";

describe("moving between rows by keyboard", () => {
  it("steps, jumps to the ends and pages, never past either end", () => {
    expect(rowMove("ArrowDown", 2, 5)).toBe(3);
    expect(rowMove("ArrowUp", 2, 5)).toBe(1);
    expect(rowMove("ArrowUp", 0, 5)).toBe(0);
    expect(rowMove("ArrowDown", 4, 5)).toBe(4);
    expect(rowMove("Home", 3, 5)).toBe(0);
    expect(rowMove("End", 0, 5)).toBe(4);
    expect(rowMove("PageDown", 1, 30, 10)).toBe(11);
    expect(rowMove("PageDown", 25, 30, 10)).toBe(29);
    expect(rowMove("PageUp", 5, 30, 10)).toBe(0);
  });
  it("leaves other keys, and an empty table, alone", () => {
    expect(rowMove("Enter", 1, 5)).toBeNull();
    expect(rowMove("a", 1, 5)).toBeNull();
    expect(rowMove("ArrowDown", 0, 0)).toBeNull();
  });
});
