import { describe, expect, it } from "vitest";
import { chosenEvents, formatList, parseList } from "./lists";

describe("parseList", () => {
  it("takes lines and commas, trims, drops blanks and repeats", () => {
    expect(parseList(" https://a.example \n\nhttps://b.example, https://a.example ,")).toEqual([
      "https://a.example", "https://b.example",
    ]);
  });

  it("gives an empty list for an empty box", () => {
    expect(parseList("  \n ")).toEqual([]);
  });

  it("round-trips with formatList", () => {
    expect(parseList(formatList(["x", "y"]))).toEqual(["x", "y"]);
    expect(formatList(null)).toBe("");
  });
});

describe("chosenEvents", () => {
  it("is * alone for every event", () => {
    expect(chosenEvents(true, ["deal.won"])).toEqual(["*"]);
  });

  it("is the chosen events, sorted and once each", () => {
    expect(chosenEvents(false, ["deal.won", "customer.created", "deal.won"])).toEqual(["customer.created", "deal.won"]);
  });
});
