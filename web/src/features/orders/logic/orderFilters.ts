/** The orders list's filters, kept in the address, and the API query they ask for. */
import type { components } from "@/api/schema";

export type OrderStatus = components["schemas"]["OrderStatus"];
export type OrderSort = components["schemas"]["OrderOrder"];
export const ORDER_STATUSES: OrderStatus[] = ["pending", "confirmed", "processing", "shipped", "delivered", "cancelled"];
export const ORDER_SORTS: OrderSort[] = ["-created_at", "created_at", "-total", "total", "order_number"];
export const DEFAULT_SORT: OrderSort = "-created_at";
export const PAGE_SIZE = 50;

export interface OrderFilters {
  status: OrderStatus | "";
  owner: string;
  customer: string;
  sort: OrderSort;
}

export function filtersFromParams(params: URLSearchParams): OrderFilters {
  const status = params.get("status") ?? "";
  const sort = params.get("sort") ?? DEFAULT_SORT;
  return {
    status: (ORDER_STATUSES as string[]).includes(status) ? (status as OrderStatus) : "",
    owner: params.get("owner") ?? "",
    customer: params.get("customer") ?? "",
    sort: (ORDER_SORTS as string[]).includes(sort) ? (sort as OrderSort) : DEFAULT_SORT,
  };
}

export function filtersToParams(filters: OrderFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.customer) params.set("customer", filters.customer);
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

export interface OrderQuery {
  status?: OrderStatus;
  owner_id?: string;
  customer_id?: string;
  order_by?: OrderSort;
  page_size: number;
}

export function toApiQuery(filters: OrderFilters): OrderQuery {
  const query: OrderQuery = { page_size: PAGE_SIZE };
  if (filters.status) query.status = filters.status;
  if (filters.owner) query.owner_id = filters.owner;
  if (filters.customer) query.customer_id = filters.customer;
  if (filters.sort !== DEFAULT_SORT) query.order_by = filters.sort;
  return query;
}

/** The badge tone of each status: waiting, moving, done, or out. */
export const STATUS_TONE: Record<OrderStatus, string> = {
  pending: "waiting", confirmed: "progress", processing: "progress", shipped: "progress", delivered: "positive",
  cancelled: "neutral",
};
