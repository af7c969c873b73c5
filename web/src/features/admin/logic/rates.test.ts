import { describe, expect, it } from "vitest";
import { apiProblems, newRow, rowProblems, rowsFrom, toUpdate } from "./rates";

describe("currency rates", () => {
  it("are rows by code, and go back as a map with decimals as the API takes them", () => {
    const rows = rowsFrom({ USD: "0.92", GBP: "1.17" });
    expect(rows.map((row) => row.currency)).toEqual(["GBP", "USD"]);
    expect(toUpdate([...rows, newRow(" chf ", "1,05"), newRow("", "")])).toEqual(
      { rates: { GBP: "1.17", USD: "0.92", CHF: "1.05" } });
  });

  it("say what is wrong with a row before saving", () => {
    const rows = [newRow("usd", "1"), newRow("USD", "2"), newRow("EUR", "1"), newRow("US", "1"), newRow("", "3"),
      newRow("GBP", ""), newRow("", "")];
    expect(Object.values(rowProblems(rows, "EUR"))).toEqual(["duplicate", "sameAsBase", "badCode", "missingCode", "missingRate"]);
  });

  it("put the API's messages on the row they name", () => {
    const rows = [newRow("USD", "-1"), newRow("XYZ", "1")];
    const problems = apiProblems(rows, [
      { field: "rates.USD", message: "Input should be greater than 0" },
      { field: "rates.XYZ.[key]", message: "not an ISO 4217 currency code" },
      { field: "body", message: "elsewhere" },
    ]);
    expect(Object.values(problems)).toEqual(["Input should be greater than 0", "not an ISO 4217 currency code"]);
  });
});
