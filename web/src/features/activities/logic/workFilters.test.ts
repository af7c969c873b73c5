import { describe, expect, it } from "vitest";
import {
  EVERYONE, filtersFromParams, filtersToParams, overdueQuery, toApiQuery, toJobFilter, type WorkFilters,
} from "./workFilters";

const rep = { uid: "rita", sees_every_record: false, writes: true };
const manager = { uid: "mina", sees_every_record: true, writes: true };
const viewer = { uid: "vic", sees_every_record: true, writes: false };

describe("filters in the address", () => {
  it("default to one's own open work, and a viewer's to everyone's", () => {
    expect(filtersFromParams(new URLSearchParams(), manager)).toEqual({ view: "open", owner: "mina", type: "", customer: "" });
    expect(filtersFromParams(new URLSearchParams(), viewer).owner).toBe(EVERYONE);
  });
  it("keep a rep to their own work whatever the address says", () => {
    expect(filtersFromParams(new URLSearchParams("owner=mina"), rep).owner).toBe("rita");
  });
  it("round-trip, leaving defaults out and unknown values behind", () => {
    const filters: WorkFilters = { view: "overdue", owner: EVERYONE, type: "call", customer: "c1" };
    const params = filtersToParams(filters, manager);
    expect(params.toString()).toBe("view=overdue&owner=*&type=call&customer=c1");
    expect(filtersFromParams(params, manager)).toEqual(filters);
    expect(filtersToParams(filtersFromParams(new URLSearchParams("view=later&type=fax"), manager), manager).toString()).toBe("");
  });
});

describe("the API query of each view", () => {
  const base: WorkFilters = { view: "open", owner: "mina", type: "", customer: "" };
  const now = new Date(2026, 4, 4, 15, 30);
  it("open and overdue", () => {
    expect(toApiQuery(base, now)).toEqual({ page_size: 50, owner_id: "mina", open: true });
    expect(toApiQuery({ ...base, view: "overdue", owner: EVERYONE }, now, "c2")).toEqual({ page_size: 50, overdue: true, cursor: "c2" });
  });
  it("today and this week: open ones due in the local days", () => {
    const today = toApiQuery({ ...base, view: "today" }, now);
    expect(today).toMatchObject({ open: true, due_from: new Date(2026, 4, 4).toISOString() });
    expect(new Date(today.due_to!).getDate()).toBe(4);
    expect(new Date(toApiQuery({ ...base, view: "week" }, now).due_to!).getDate()).toBe(10);
  });
  it("completed ones newest first; all of them in due order", () => {
    expect(toApiQuery({ ...base, view: "completed", type: "call" }, now)).toEqual(
      { page_size: 50, owner_id: "mina", type: "call", status: "completed", order_by: "-created_at" });
    expect(toApiQuery({ ...base, view: "all", customer: "c1" }, now)).toEqual({ page_size: 50, owner_id: "mina", customer_id: "c1" });
  });
  it("counts the owner's overdue ones, of any type", () => {
    expect(overdueQuery({ ...base, view: "completed", type: "note" })).toEqual({ page_size: 1, owner_id: "mina", overdue: true });
  });
});

describe("a bulk job's filter", () => {
  it("is the list's query as text, without paging or order", () => {
    const query = toApiQuery({ view: "completed", owner: "mina", type: "call", customer: "c1" }, new Date(), "next");
    expect(toJobFilter(query)).toEqual({ owner_id: "mina", type: "call", customer_id: "c1", status: "completed" });
    expect(toJobFilter(toApiQuery({ view: "open", owner: EVERYONE, type: "", customer: "" }, new Date())))
      .toEqual({ open: "true" });
  });
});
