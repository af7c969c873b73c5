import { describe, expect, it } from "vitest";
import { normalizeAmount } from "./amounts";

describe("normalizeAmount", () => {
  it.each([["19,90", "19.90"], ["1.234,50", "1234.50"], ["1,234.50", "1234.50"], ["  12 ", "12"], ["7.5", "7.5"],
    ["0,925", "0.925"]])("%s reads as %s", (typed, taken) => expect(normalizeAmount(typed)).toBe(taken));
});
