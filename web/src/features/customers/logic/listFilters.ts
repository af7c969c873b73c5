/** The customer list's filters, kept in the address (so a filtered list can be bookmarked and shared) and turned
 * into the API's query. */
import {
  CUSTOMER_ORDERS, CUSTOMER_SOURCES, CUSTOMER_STATUSES, type CustomerOrder, type CustomerSource, type CustomerStatus,
} from "@/api/types";
import type { components } from "@/api/schema";

export type LeadPriority = components["schemas"]["LeadPriority"];
export type LeadRating = components["schemas"]["LeadRating"];
export const LEAD_PRIORITIES: LeadPriority[] = ["low", "medium", "high", "urgent"];
export const LEAD_RATINGS: LeadRating[] = ["hot", "warm", "cold"];

export interface ListFilters {
  search: string;
  /** Any of these (none: every status). */
  statuses: CustomerStatus[];
  tag: string;
  source: CustomerSource | "";
  priority: LeadPriority | "";
  rating: LeadRating | "";
  /** Created on or after this day, and on or before that one (YYYY-MM-DD, UTC days as the API counts them). */
  createdFrom: string;
  createdTo: string;
  order: CustomerOrder;
}

export const NO_FILTERS: Omit<ListFilters, "order"> = {
  search: "", statuses: [], tag: "", source: "", priority: "", rating: "", createdFrom: "", createdTo: "",
};

/** The table's optional columns (the name is always shown), in their order. */
export const CUSTOMER_COLUMNS = [
  "organization", "email", "phone", "status", "tags", "owner", "lifetime_value", "last_activity",
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];

/** The columns the address asks for (?cols=a,b), every one when it names none. */
export function columnsFromParams(params: URLSearchParams): CustomerColumn[] {
  const named = (params.get("cols") ?? "").split(",").filter((c): c is CustomerColumn =>
    (CUSTOMER_COLUMNS as readonly string[]).includes(c));
  return named.length ? CUSTOMER_COLUMNS.filter((c) => named.includes(c)) : [...CUSTOMER_COLUMNS];
}

export function withColumns(params: URLSearchParams, columns: readonly CustomerColumn[]): URLSearchParams {
  const next = new URLSearchParams(params);
  if (columns.length === CUSTOMER_COLUMNS.length || columns.length === 0) next.delete("cols");
  else next.set("cols", columns.join(","));
  return next;
}

export const DEFAULT_ORDER: CustomerOrder = "name";
export const PAGE_SIZE = 50;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | "" =>
  (allowed as readonly string[]).includes(value ?? "") ? (value as T) : "";
const isDay = (value: string | null): string => (/^\d{4}-\d{2}-\d{2}$/.test(value ?? "") ? value! : "");

/** The statuses of ``status=lead,prospect`` that exist, each once, in the list's order. */
export function statusesOf(value: string | null | undefined): CustomerStatus[] {
  const named = (value ?? "").split(",");
  return CUSTOMER_STATUSES.filter((status) => named.includes(status));
}

export function filtersFromParams(params: URLSearchParams): ListFilters {
  return {
    search: params.get("q") ?? "",
    statuses: statusesOf(params.get("status")),
    tag: params.get("tag") ?? "",
    source: oneOf(CUSTOMER_SOURCES, params.get("source")),
    priority: oneOf(LEAD_PRIORITIES, params.get("priority")),
    rating: oneOf(LEAD_RATINGS, params.get("rating")),
    createdFrom: isDay(params.get("from")),
    createdTo: isDay(params.get("to")),
    order: oneOf(CUSTOMER_ORDERS, params.get("sort")) || DEFAULT_ORDER,
  };
}

export function filtersToParams(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string) => value && params.set(name, value);
  set("q", filters.search);
  set("status", filters.statuses.join(","));
  set("tag", filters.tag);
  set("source", filters.source);
  set("priority", filters.priority);
  set("rating", filters.rating);
  set("from", filters.createdFrom);
  set("to", filters.createdTo);
  if (filters.order !== DEFAULT_ORDER) params.set("sort", filters.order);
  return params;
}

/** Whether anything narrows the list (the order aside). */
export function isFiltered(filters: ListFilters): boolean {
  return !!(filters.search || filters.statuses.length || filters.tag || filters.source || filters.priority
    || filters.rating || filters.createdFrom || filters.createdTo);
}

/** Whether the search box holds something to search for (the API then refuses an order). */
export function isSearching(filters: Pick<ListFilters, "search">): boolean {
  return /[\p{L}\p{N}]/u.test(filters.search);
}

export interface CustomerListQuery {
  search?: string;
  status?: string;
  tag?: string;
  source?: CustomerSource;
  priority?: LeadPriority;
  rating?: LeadRating;
  created_from?: string;
  created_to?: string;
  order_by?: CustomerOrder;
  page_size: number;
  cursor?: string;
}

/** The API query for one page: search results come in their own order, so no order_by goes with a search. A
 * combination the API refuses (a created range with a search, or ordered by anything but creation) is sent as it
 * is: its 400 says which combinations work, and the filters show it. */
export function toApiQuery(filters: ListFilters, cursor?: string | null, pageSize = PAGE_SIZE): CustomerListQuery {
  const query: CustomerListQuery = { page_size: pageSize };
  const searching = isSearching(filters);
  if (searching) query.search = filters.search.trim();
  if (filters.statuses.length) query.status = filters.statuses.join(",");
  const tag = filters.tag.trim().toLowerCase();
  if (tag) query.tag = tag;
  if (filters.source) query.source = filters.source;
  if (filters.priority) query.priority = filters.priority;
  if (filters.rating) query.rating = filters.rating;
  if (filters.createdFrom) query.created_from = filters.createdFrom;
  if (filters.createdTo) query.created_to = filters.createdTo;
  if (!searching && filters.order !== DEFAULT_ORDER) query.order_by = filters.order;
  if (cursor) query.cursor = cursor;
  return query;
}

/** The part of the filters that decides which records a list holds: its cache key. */
export function listKey(filters: ListFilters): Omit<CustomerListQuery, "page_size" | "cursor"> {
  const { page_size: _size, cursor: _cursor, ...key } = toApiQuery(filters);
  return key;
}
