import { describe, expect, it } from "vitest";
import { amountOf, centsOf, lineTotalCents, weightedCents } from "./money";

describe("money in cents", () => {
  it("reads the API's decimal strings without floats", () => {
    expect(centsOf("1234.5")).toBe(123450);
    expect(centsOf("0.07")).toBe(7);
    expect(centsOf("-2.30")).toBe(-230);
    expect(centsOf("12")).toBe(1200);
    expect(amountOf(123450)).toBe("1234.50");
    expect(amountOf(-5)).toBe("-0.05");
  });

  it("weights and multiplies rounding half up to the cent, as the API does", () => {
    expect(weightedCents(120000, 50)).toBe(60000);
    expect(weightedCents(1, 50)).toBe(1); // 0.5 cent rounds up
    expect(weightedCents(-1, 50)).toBe(-1);
    expect(lineTotalCents("2", "1250.50")).toBe(250100);
    expect(lineTotalCents("1.5", "0.03")).toBe(5); // 4.5 cents
    expect(lineTotalCents("1.2345", "1")).toBeNull(); // at most three decimals of quantity
    expect(lineTotalCents("2", "abc")).toBeNull();
  });
});
