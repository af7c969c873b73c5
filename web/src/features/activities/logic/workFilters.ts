/** The "my work" list's filters, kept in the address, and the API query each view asks for. */
import type { components } from "@/api/schema";
import { endOfDay, startOfDay } from "./due";

export type ActivityType = components["schemas"]["ActivityType"];
export type ActivityStatus = components["schemas"]["ActivityStatus"];
export type ActivityPriority = components["schemas"]["ActivityPriority"];
export const ACTIVITY_TYPES: ActivityType[] = ["call", "meeting", "task", "email", "note"];
export const ACTIVITY_STATUSES: ActivityStatus[] = ["scheduled", "in_progress", "completed", "cancelled"];
export const ACTIVITY_PRIORITIES: ActivityPriority[] = ["low", "normal", "high"];

export const WORK_VIEWS = ["open", "overdue", "today", "week", "completed", "all"] as const;
export type WorkView = (typeof WORK_VIEWS)[number];
/** Everyone's activities rather than one owner's. */
export const EVERYONE = "*";
export const PAGE_SIZE = 50;

export interface WorkFilters {
  view: WorkView;
  /** A uid, or EVERYONE. */
  owner: string;
  type: ActivityType | "";
  customer: string;
}

interface Viewer {
  uid: string;
  sees_every_record: boolean;
  writes: boolean;
}

/** Whose work a list shows unless the address says: one's own, or everyone's for a viewer (who owns nothing). */
export function defaultOwner(viewer: Viewer): string {
  return viewer.writes || !viewer.sees_every_record ? viewer.uid : EVERYONE;
}

export function filtersFromParams(params: URLSearchParams, viewer: Viewer): WorkFilters {
  const view = params.get("view") ?? "open";
  const type = params.get("type") ?? "";
  const owner = viewer.sees_every_record ? params.get("owner") || defaultOwner(viewer) : viewer.uid;
  return {
    view: (WORK_VIEWS as readonly string[]).includes(view) ? (view as WorkView) : "open",
    owner,
    type: (ACTIVITY_TYPES as string[]).includes(type) ? (type as ActivityType) : "",
    customer: params.get("customer") ?? "",
  };
}

export function filtersToParams(filters: WorkFilters, viewer: Viewer): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view !== "open") params.set("view", filters.view);
  if (filters.owner !== defaultOwner(viewer)) params.set("owner", filters.owner);
  if (filters.type) params.set("type", filters.type);
  if (filters.customer) params.set("customer", filters.customer);
  return params;
}

export interface ActivityQuery {
  owner_id?: string;
  type?: ActivityType;
  customer_id?: string;
  status?: ActivityStatus;
  open?: boolean;
  overdue?: boolean;
  due_from?: string;
  due_to?: string;
  order_by?: "-created_at";
  page_size: number;
  cursor?: string;
}

/** The API query for one page of ``filters``' view, on the local day of ``now``. */
export function toApiQuery(filters: WorkFilters, now: Date, cursor?: string | null): ActivityQuery {
  const query: ActivityQuery = { page_size: PAGE_SIZE };
  if (filters.owner !== EVERYONE) query.owner_id = filters.owner;
  if (filters.type) query.type = filters.type;
  if (filters.customer) query.customer_id = filters.customer;
  if (filters.view === "open") query.open = true;
  if (filters.view === "overdue") query.overdue = true;
  if (filters.view === "today" || filters.view === "week") {
    Object.assign(query, { open: true, due_from: startOfDay(now).toISOString(),
      due_to: endOfDay(now, filters.view === "week" ? 6 : 0).toISOString() });
  }
  if (filters.view === "completed") Object.assign(query, { status: "completed", order_by: "-created_at" });
  if (cursor) query.cursor = cursor;
  return query;
}

/** The query counting the overdue activities of the list's owner (and customer), whatever the view. */
export function overdueQuery(filters: WorkFilters): ActivityQuery {
  return { ...toApiQuery({ ...filters, view: "overdue", type: "" }, new Date(0)), page_size: 1 };
}

/** A list query as a bulk job's ``filter``: its query parameters as text, without paging or order. */
export function toJobFilter(query: ActivityQuery): Record<string, string> {
  const { page_size: _size, cursor: _cursor, order_by: _order, ...filter } = query;
  return Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)]));
}
