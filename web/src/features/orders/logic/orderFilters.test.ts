import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, filtersFromParams, filtersToParams, PAGE_SIZE, toApiQuery, type OrderFilters } from "./orderFilters";

describe("the orders list's filters in the address", () => {
  it("default to every status, owner and customer, newest first", () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual({ status: "", owner: "", customer: "", sort: DEFAULT_SORT });
  });
  it("leave unknown statuses and sorts behind", () => {
    const filters = filtersFromParams(new URLSearchParams("status=lost&sort=-colour&customer=c1"));
    expect(filters).toEqual({ status: "", owner: "", customer: "c1", sort: DEFAULT_SORT });
  });
  it("round-trip, leaving defaults out", () => {
    const filters: OrderFilters = { status: "shipped", owner: "rita", customer: "c9", sort: "-total" };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe("status=shipped&owner=rita&customer=c9&sort=-total");
    expect(filtersFromParams(params)).toEqual(filters);
    expect(filtersToParams(filtersFromParams(new URLSearchParams())).toString()).toBe("");
  });
});

describe("the API query", () => {
  it("names only the filters set, and the sort only when not the default", () => {
    expect(toApiQuery({ status: "", owner: "", customer: "", sort: DEFAULT_SORT })).toEqual({ page_size: PAGE_SIZE });
    expect(toApiQuery({ status: "pending", owner: "rita", customer: "c1", sort: "order_number" })).toEqual({
      page_size: PAGE_SIZE, status: "pending", owner_id: "rita", customer_id: "c1", order_by: "order_number",
    });
  });
});
