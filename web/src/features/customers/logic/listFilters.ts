/** The customer list's filters, kept in the address (so a filtered list can be bookmarked and shared) and turned
 * into the API's query. */
import { CUSTOMER_ORDERS, CUSTOMER_STATUSES, type CustomerOrder, type CustomerStatus } from "@/api/types";

export interface ListFilters {
  search: string;
  status: CustomerStatus | "";
  tag: string;
  order: CustomerOrder;
}

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

export function filtersFromParams(params: URLSearchParams): ListFilters {
  const status = params.get("status") ?? "";
  const order = params.get("sort") ?? DEFAULT_ORDER;
  return {
    search: params.get("q") ?? "",
    status: (CUSTOMER_STATUSES as string[]).includes(status) ? (status as CustomerStatus) : "",
    tag: params.get("tag") ?? "",
    order: (CUSTOMER_ORDERS as readonly string[]).includes(order) ? (order as CustomerOrder) : DEFAULT_ORDER,
  };
}

export function filtersToParams(filters: ListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set("q", filters.search);
  if (filters.status) params.set("status", filters.status);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.order !== DEFAULT_ORDER) params.set("sort", filters.order);
  return params;
}

/** Whether the search box holds something to search for (the API then refuses an order). */
export function isSearching(filters: Pick<ListFilters, "search">): boolean {
  return /[\p{L}\p{N}]/u.test(filters.search);
}

export interface CustomerListQuery {
  search?: string;
  status?: CustomerStatus;
  tag?: string;
  order_by?: CustomerOrder;
  page_size: number;
  cursor?: string;
}

/** The API query for one page: search results come in their own order, so no order_by goes with a search. */
export function toApiQuery(filters: ListFilters, cursor?: string | null, pageSize = PAGE_SIZE): CustomerListQuery {
  const query: CustomerListQuery = { page_size: pageSize };
  const searching = isSearching(filters);
  if (searching) query.search = filters.search.trim();
  if (filters.status) query.status = filters.status;
  const tag = filters.tag.trim().toLowerCase();
  if (tag) query.tag = tag;
  if (!searching && filters.order !== DEFAULT_ORDER) query.order_by = filters.order;
  if (cursor) query.cursor = cursor;
  return query;
}

/** The part of the filters that decides which records a list holds: its cache key. */
export function listKey(filters: ListFilters): Omit<CustomerListQuery, "page_size" | "cursor"> {
  const { page_size: _size, cursor: _cursor, ...key } = toApiQuery(filters);
  return key;
}
