import { describe, expect, it } from "vitest";
import { amountsByCurrency, ratePercent, trackedUrl, utmSummary } from "./figures";

describe("trackedUrl", () => {
  it("puts the code under /r/ of the origin, escaped", () => {
    expect(trackedUrl("https://crm.example.com/", "Spring-Sale")).toBe("https://crm.example.com/r/Spring-Sale");
    expect(trackedUrl("http://localhost:5000", "a b")).toBe("http://localhost:5000/r/a%20b");
  });
});

describe("ratePercent", () => {
  it("shows a fraction as a percentage in the user's language", () => {
    expect(ratePercent("0.1250", "en")).toBe("12.5%");
    expect(ratePercent("0.5000", "el")?.replace(/\s/g, "")).toBe("50,0%");
  });
  it("shows nothing without clicks", () => {
    expect(ratePercent(null, "en")).toBeNull();
    expect(ratePercent("not a number", "en")).toBeNull();
  });
});

describe("amountsByCurrency", () => {
  it("sorts by currency and leaves out zeros", () => {
    expect(amountsByCurrency({ USD: "3.00", EUR: "12.50", GBP: "0.00" })).toEqual([["EUR", "12.50"], ["USD", "3.00"]]);
    expect(amountsByCurrency(undefined)).toEqual([]);
  });
});

describe("utmSummary", () => {
  it("puts the campaign first, then the UTM fields set", () => {
    expect(utmSummary({ campaign: "spring", utm_source: "blog", utm_medium: null, utm_term: "" }))
      .toBe("spring · utm_source=blog");
    expect(utmSummary({ campaign: null })).toBe("");
  });
});
