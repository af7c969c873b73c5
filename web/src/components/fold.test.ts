import { describe, expect, it } from "vitest";
import { fold, matchesQuery } from "./fold";

describe("fold", () => {
  it("ignores case, accents and the final sigma", () => {
    expect(fold("Νίκος ΠΑΠΑΔΌΠΟΥΛΟΣ")).toBe(fold("νικοσ παπαδοπουλοσ"));
    expect(fold("Zoë")).toBe("zoe");
  });
});

describe("matchesQuery", () => {
  const maria = ["Μαρία Παππά", "maria@example.com"];
  it("needs every word, in any field and order", () => {
    expect(matchesQuery("παππα μαρια", maria)).toBe(true);
    expect(matchesQuery("maria example", maria)).toBe(true);
    expect(matchesQuery("maria nikou", maria)).toBe(false);
  });
  it("takes an empty query as matching everything", () => {
    expect(matchesQuery("  ", maria)).toBe(true);
  });
});
