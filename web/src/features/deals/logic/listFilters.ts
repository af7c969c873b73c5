/** The deals list's filters live in the address (?pipeline=&status=&owner=&tag=&order=), so a list can be
 * bookmarked and shared; they become the query of GET /deals. */

export const DEAL_STATUSES = ["open", "won", "lost"] as const;
export const DEAL_ORDERS = ["-created_at", "-value", "expected_close_date"] as const;
export const LIST_PAGE_SIZE = 50;

export interface DealListFilters {
  pipelineId: string;
  status: "" | (typeof DEAL_STATUSES)[number];
  ownerId: string;
  tag: string;
  order: (typeof DEAL_ORDERS)[number];
}

export const NO_DEAL_FILTERS: DealListFilters = { pipelineId: "", status: "", ownerId: "", tag: "", order: "-created_at" };

function oneOf<T extends string>(value: string | null, allowed: readonly T[], otherwise: T): T {
  return allowed.includes(value as T) ? (value as T) : otherwise;
}

export function dealListFiltersFromParams(params: URLSearchParams): DealListFilters {
  return {
    pipelineId: params.get("pipeline") ?? "",
    status: oneOf(params.get("status"), ["", ...DEAL_STATUSES], ""),
    ownerId: params.get("owner") ?? "",
    tag: params.get("tag") ?? "",
    order: oneOf(params.get("order"), DEAL_ORDERS, "-created_at"),
  };
}

export function dealListFiltersToParams(filters: DealListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.pipelineId) params.set("pipeline", filters.pipelineId);
  if (filters.status) params.set("status", filters.status);
  if (filters.ownerId) params.set("owner", filters.ownerId);
  if (filters.tag.trim()) params.set("tag", filters.tag.trim());
  if (filters.order !== "-created_at") params.set("order", filters.order);
  return params;
}

/** GET /deals's query for the filters (without a cursor); the API's default order is left out. */
export function toDealQuery(filters: DealListFilters) {
  return {
    page_size: LIST_PAGE_SIZE,
    ...(filters.pipelineId ? { pipeline_id: filters.pipelineId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.ownerId ? { owner_id: filters.ownerId } : {}),
    ...(filters.tag.trim() ? { tag: filters.tag.trim().toLowerCase() } : {}),
    ...(filters.order !== "-created_at" ? { order_by: filters.order } : {}),
  };
}

export type DealQuery = ReturnType<typeof toDealQuery>;

/** The pipeline the ticked deals share, or "" when they are in several. */
export function sharedPipeline(deals: readonly { pipeline_id: string }[]): string {
  const pipelines = new Set(deals.map((deal) => deal.pipeline_id));
  return pipelines.size === 1 ? [...pipelines][0] : "";
}

/** The list's filters as a bulk job's ``filter`` (GET /deals's query parameters, without paging or order). */
export function toDealJobFilter(filters: DealListFilters): Record<string, string> {
  const { page_size: _size, order_by: _order, ...filter } = { order_by: undefined, ...toDealQuery(filters) };
  return Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)]));
}
