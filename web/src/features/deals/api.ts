/** The deals feature's server state: the board (optimistic moves, rolled back when the API refuses), a deal and its
 * transitions, and the pipelines. */
import {
  useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient,
} from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { BulkRequest } from "@/api/types";
import { moveCard, type Board } from "./logic/board";
import type { DealQuery } from "./logic/listFilters";

type Schemas = components["schemas"];
export type Deal = Schemas["Deal"];
export type DealCreate = Schemas["DealCreate"];
export type DealUpdate = Schemas["DealUpdate"];
export type Pipeline = Schemas["Pipeline"];
export type Stage = Schemas["Stage"];

export interface BoardFilters {
  pipelineId: string;
  ownerId: string;
}

export const PER_COLUMN = 20;

export const dealKeys = {
  all: ["deals"] as const,
  boards: () => ["deals", "board"] as const,
  board: (filters: BoardFilters) => ["deals", "board", filters.pipelineId, filters.ownerId] as const,
  column: (filters: BoardFilters, stage: string) =>
    ["deals", "board", filters.pipelineId, filters.ownerId, "column", stage] as const,
  record: (id: string) => ["deals", "record", id] as const,
  lists: () => ["deals", "list"] as const,
  list: (query: DealQuery) => ["deals", "list", query] as const,
};

export const pipelinesKey = ["pipelines"] as const;

export function usePipelines() {
  return useQuery({
    queryKey: pipelinesKey,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/pipelines", { signal })),
    staleTime: 5 * 60_000,
  });
}

function boardQuery(filters: BoardFilters, extra: { stage?: string; cursor?: string } = {}) {
  return {
    ...(filters.pipelineId ? { pipeline_id: filters.pipelineId } : {}),
    ...(filters.ownerId ? { owner_id: filters.ownerId } : {}),
    per_column: PER_COLUMN,
    ...extra,
  };
}

export function useBoard(filters: BoardFilters) {
  return useQuery({
    queryKey: dealKeys.board(filters),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/crm/deals/kanban", { params: { query: boardQuery(filters) }, signal })),
    placeholderData: (previous) => previous,
  });
}

/** A column's cards beyond the board's first page, fetched page by page on request. */
export function useColumnMore(filters: BoardFilters, stage: string, firstCursor: string | null, wanted: boolean) {
  return useInfiniteQuery({
    queryKey: [...dealKeys.column(filters, stage), firstCursor],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/api/crm/deals/kanban", {
        params: { query: boardQuery(filters, { stage, cursor: pageParam ?? undefined }) }, signal,
      })),
    initialPageParam: firstCursor,
    getNextPageParam: (last) => last.columns[0]?.next_cursor ?? undefined,
    enabled: wanted && !!firstCursor,
  });
}

export interface Move {
  dealId: string;
  version: string;
  toStage: string;
  reason?: string;
}

/** Move a card: the board shows it in its new column at once, and as it was (with the API's reason) on refusal. */
export function useMoveDeal(filters: BoardFilters) {
  const queryClient = useQueryClient();
  const key = dealKeys.board(filters);
  return useMutation({
    mutationFn: ({ dealId, version, toStage, reason }: Move) =>
      unwrap(api.POST("/api/crm/deals/{deal_id}/move-stage", {
        params: { path: { deal_id: dealId } }, body: { stage: toStage, reason: reason ?? null, pipeline_id: null, substage: null },
        headers: ifMatch(version),
      })),
    onMutate: async (move) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Board>(key);
      if (previous) queryClient.setQueryData<Board>(key, moveCard(previous, move.dealId, move.toStage));
      return { previous };
    },
    onError: (_error, _move, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (deal) => queryClient.setQueryData(dealKeys.record(deal.id), deal),
    onSettled: () => invalidateDeals(queryClient),
  });
}

function invalidateDeals(queryClient: QueryClient, id?: string) {
  void queryClient.invalidateQueries({ queryKey: dealKeys.boards() });
  void queryClient.invalidateQueries({ queryKey: dealKeys.lists() });
  if (id) void queryClient.invalidateQueries({ queryKey: dealKeys.record(id) });
  // The customer page lists its deals and summary; reports follow the deals too.
  void queryClient.invalidateQueries({ queryKey: ["customers", "record"] });
  void queryClient.invalidateQueries({ queryKey: ["reports"] });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKeys.record(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/deals/{deal_id}", { params: { path: { deal_id: id } }, signal })),
  });
}

export function useCustomerName(id: string | undefined) {
  return useQuery({
    queryKey: ["customers", "record", id ?? "", "detail"],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/crm/customers/{customer_id}", { params: { path: { customer_id: id ?? "" } }, signal })),
    enabled: !!id,
    retry: false,
    select: (customer) => customer.name,
  });
}

export function useUpdateDeal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: DealUpdate; version: string }) =>
      unwrap(api.PATCH("/api/crm/deals/{deal_id}", {
        params: { path: { deal_id: id } }, body: update, headers: ifMatch(version),
      })),
    onSuccess: (saved) => {
      queryClient.setQueryData(dealKeys.record(id), saved);
      invalidateDeals(queryClient, id);
    },
  });
}

export function useCreateDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DealCreate) => unwrap(api.POST("/api/crm/deals", { body })),
    onSuccess: (created) => {
      queryClient.setQueryData(dealKeys.record(created.id), created);
      invalidateDeals(queryClient);
    },
  });
}

export type Transition =
  | { action: "advance-stage" }
  | { action: "move-stage"; stage: string; reason?: string }
  | { action: "mark-won" }
  | { action: "mark-lost"; reason: string }
  | { action: "reopen"; stage?: string };

export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ transition, version }: { transition: Transition; version: string }) => {
      const options = { params: { path: { deal_id: id } }, headers: ifMatch(version) };
      switch (transition.action) {
        case "advance-stage":
          return unwrap(api.POST("/api/crm/deals/{deal_id}/advance-stage", options));
        case "mark-won":
          return unwrap(api.POST("/api/crm/deals/{deal_id}/mark-won", options));
        case "mark-lost":
          return unwrap(api.POST("/api/crm/deals/{deal_id}/mark-lost", { ...options, body: { reason: transition.reason } }));
        case "reopen":
          return unwrap(api.POST("/api/crm/deals/{deal_id}/reopen", {
            ...options, body: { stage: transition.stage ?? null },
          }));
        default:
          return unwrap(api.POST("/api/crm/deals/{deal_id}/move-stage", {
            ...options, body: { stage: transition.stage, reason: transition.reason ?? null, pipeline_id: null, substage: null },
          }));
      }
    },
    onSuccess: (saved) => queryClient.setQueryData(dealKeys.record(id), saved),
    onSettled: () => invalidateDeals(queryClient, id),
  });
}

export function useDeleteDeal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) =>
      unwrap(api.DELETE("/api/crm/deals/{deal_id}", { params: { path: { deal_id: id } }, headers: ifMatch(version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: dealKeys.record(id) });
      invalidateDeals(queryClient);
    },
  });
}

/** Customers to open a deal for: a search as the user types (the API's search, a short page). */
export function useCustomerChoices(search: string) {
  return useQuery({
    queryKey: ["customers", "choices", search],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers", {
      params: { query: { page_size: 10, ...(search.trim() ? { search: search.trim() } : {}) } }, signal,
    })),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

/** The deals list: pages of deals by cursor, keyed by the list's query. */
export function useDealList(query: DealQuery) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(query),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/deals", {
      params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** One change to the ticked deals (each checked and changed on its own; the answer says each one's result). */
export function useBulkDeals() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRequest) => unwrap(api.POST("/api/crm/deals/bulk", { body })),
    onSettled: () => invalidateDeals(queryClient),
  });
}

/** What to call after the deals changed another way (a bulk job): the boards, lists and pages refetch. */
export function useDealsChanged() {
  const queryClient = useQueryClient();
  return () => invalidateDeals(queryClient);
}
