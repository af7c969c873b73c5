import { describe, expect, it } from "vitest";
import {
  dealListFiltersFromParams, dealListFiltersToParams, NO_DEAL_FILTERS, sharedPipeline, toDealJobFilter, toDealQuery,
} from "./listFilters";

describe("the deals list's filters", () => {
  it("go to the address and back", () => {
    const filters = { pipelineId: "p1", status: "won", ownerId: "u1", tag: "vip", order: "-value" } as const;
    const params = dealListFiltersToParams(filters);
    expect(params.toString()).toBe("pipeline=p1&status=won&owner=u1&tag=vip&order=-value");
    expect(dealListFiltersFromParams(params)).toEqual(filters);
  });

  it("leave defaults out of the address and ignore what they do not know", () => {
    expect(dealListFiltersToParams(NO_DEAL_FILTERS).toString()).toBe("");
    expect(dealListFiltersFromParams(new URLSearchParams("status=maybe&order=title"))).toEqual(NO_DEAL_FILTERS);
  });

  it("become the API's query, the default order left to the API", () => {
    expect(toDealQuery(NO_DEAL_FILTERS)).toEqual({ page_size: 50 });
    expect(toDealQuery({ ...NO_DEAL_FILTERS, pipelineId: "p1", tag: " VIP ", order: "expected_close_date" }))
      .toEqual({ page_size: 50, pipeline_id: "p1", tag: "vip", order_by: "expected_close_date" });
  });
});

describe("a bulk job's filter", () => {
  it("is the list's query without paging or order", () => {
    expect(toDealJobFilter({ pipelineId: "p1", status: "open", ownerId: "", tag: "vip", order: "-value" }))
      .toEqual({ pipeline_id: "p1", status: "open", tag: "vip" });
    expect(toDealJobFilter(NO_DEAL_FILTERS)).toEqual({});
  });
});

describe("the pipeline the ticked deals share", () => {
  it("is theirs when they are in one, else none", () => {
    expect(sharedPipeline([{ pipeline_id: "a" }, { pipeline_id: "a" }])).toBe("a");
    expect(sharedPipeline([{ pipeline_id: "a" }, { pipeline_id: "b" }])).toBe("");
    expect(sharedPipeline([])).toBe("");
  });
});
