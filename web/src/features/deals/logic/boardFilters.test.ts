import { describe, expect, it } from "vitest";
import { boardFiltersFromParams, boardFiltersToParams, matchesFind } from "./boardFilters";

describe("board filters", () => {
  it("round-trip through the address, leaving out what is empty", () => {
    const params = boardFiltersToParams({ pipelineId: "sales", ownerId: "" }, "arcade");
    expect(params.toString()).toBe("pipeline=sales&find=arcade");
    expect(boardFiltersFromParams(params)).toEqual({ pipelineId: "sales", ownerId: "" });
    expect(boardFiltersFromParams(new URLSearchParams("owner=u1"))).toEqual({ pipelineId: "", ownerId: "u1" });
  });

  it("find a card by title or customer, any case and accents", () => {
    expect(matchesFind("", "Anything")).toBe(true);
    expect(matchesFind("  ", null)).toBe(true);
    expect(matchesFind("ΑΡΚΑΔ", "Αρκάδια Games")).toBe(true);
    expect(matchesFind("maria", "Cabinets", "María Papadopoulou")).toBe(true);
    expect(matchesFind("cabinet", "Coins", null, undefined)).toBe(false);
  });
});
