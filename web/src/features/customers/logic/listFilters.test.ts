import { describe, expect, it } from "vitest";
import {
  columnsFromParams, CUSTOMER_COLUMNS, filtersFromParams, filtersToParams, isFiltered, isSearching, listKey, NO_FILTERS,
  toApiQuery, withColumns,
} from "./listFilters";

describe("list filters", () => {
  it("round-trips through the address, leaving defaults out", () => {
    const filters = filtersFromParams(new URLSearchParams("q=acme&status=lead&tag=VIP&sort=-updated_at"));
    expect(filters).toEqual({ ...NO_FILTERS, search: "acme", statuses: ["lead"], tag: "VIP", order: "-updated_at" });
    expect(filtersToParams({ ...filters, order: "name" }).toString()).toBe("q=acme&status=lead&tag=VIP");
  });

  it("keeps several statuses and the lead filters in the address", () => {
    const params = new URLSearchParams(
      "status=prospect,lead,bogus&source=referral&priority=urgent&rating=hot&from=2026-01-01&to=2026-01-31");
    const filters = filtersFromParams(params);
    expect(filters).toMatchObject({ statuses: ["lead", "prospect"], source: "referral", priority: "urgent",
      rating: "hot", createdFrom: "2026-01-01", createdTo: "2026-01-31" });
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(isFiltered(filters)).toBe(true);
    expect(toApiQuery(filters)).toEqual({ page_size: 50, status: "lead,prospect", source: "referral",
      priority: "urgent", rating: "hot", created_from: "2026-01-01", created_to: "2026-01-31" });
  });

  it("ignores values the API would refuse", () => {
    expect(filtersFromParams(new URLSearchParams("status=bogus&sort=;drop&priority=huge&from=yesterday")))
      .toMatchObject({ statuses: [], order: "name", priority: "", createdFrom: "" });
  });

  it("sends no order with a search, which the API would refuse", () => {
    const query = toApiQuery({ ...NO_FILTERS, search: " acme ath ", order: "-created_at" }, "c1");
    expect(query).toEqual({ search: "acme ath", page_size: 50, cursor: "c1" });
  });

  it("sends the order when the search box holds no word", () => {
    expect(isSearching({ search: " - " })).toBe(false);
    expect(toApiQuery({ ...NO_FILTERS, search: " - ", order: "-created_at" })).toMatchObject({ order_by: "-created_at" });
  });

  it("counts Greek letters as words", () => {
    expect(isSearching({ search: "αθήνα" })).toBe(true);
  });

  it("keys lists by what they hold, not by page", () => {
    const a = listKey({ ...NO_FILTERS, statuses: ["lead"], tag: " Vip ", order: "name" });
    expect(a).toEqual({ status: "lead", tag: "vip" });
  });
});

describe("columns", () => {
  it("are every one unless the address names some, in the table's order", () => {
    expect(columnsFromParams(new URLSearchParams())).toHaveLength(8);
    expect(columnsFromParams(new URLSearchParams("cols=tags,email,nonsense"))).toEqual(["email", "tags"]);
    expect(withColumns(new URLSearchParams("q=a"), ["email"]).toString()).toBe("q=a&cols=email");
    expect(withColumns(new URLSearchParams("cols=email"), [...CUSTOMER_COLUMNS]).toString()).toBe("");
  });
});
