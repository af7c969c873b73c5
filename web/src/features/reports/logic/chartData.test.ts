import { describe, expect, it } from "vitest";
import { monthLabel } from "./chartData";

describe("monthLabel", () => {
  it("names a month in the UI's language", () => {
    expect(monthLabel("2026-05", "en")).toBe("May 2026");
    expect(monthLabel("2026-01", "el")).toMatch(/Ιαν/);
  });
});
