/** The lead board's server state: the lead pipelines, a pipeline's board (optimistic moves, rolled back when the API
 * refuses), and converting a lead into a deal or marking it lost. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { moveLead, type LeadBoard, type LeadBoardFilters, type Place } from "./logic/leadBoard";

export type LeadConversion = components["schemas"]["LeadConversion"];
export const PER_COLUMN = 20;

export const leadKeys = {
  pipelines: ["lead-pipelines"] as const,
  boards: () => ["lead-pipelines", "board"] as const,
  board: (filters: LeadBoardFilters) => ["lead-pipelines", "board", filters.pipelineId, filters.ownerId] as const,
  column: (filters: LeadBoardFilters, stage: string) =>
    ["lead-pipelines", "board", filters.pipelineId, filters.ownerId, "column", stage] as const,
};

export function useLeadPipelines() {
  return useQuery({
    queryKey: leadKeys.pipelines,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/lead-pipelines", { signal })),
    staleTime: 5 * 60_000,
  });
}

function boardQuery(filters: LeadBoardFilters, extra: { stage?: string; cursor?: string } = {}) {
  return { ...(filters.ownerId ? { owner_id: filters.ownerId } : {}), per_column: PER_COLUMN, ...extra };
}

export function useLeadBoard(filters: LeadBoardFilters) {
  return useQuery({
    queryKey: leadKeys.board(filters),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/lead-pipelines/{pipeline_id}/board", {
      params: { path: { pipeline_id: filters.pipelineId }, query: boardQuery(filters) }, signal,
    })),
    enabled: !!filters.pipelineId,
    placeholderData: (previous) => previous,
  });
}

/** A column's cards beyond the board's first page, fetched page by page on request. */
export function useLeadColumnMore(filters: LeadBoardFilters, stage: string, firstCursor: string | null,
  wanted: boolean) {
  return useInfiniteQuery({
    queryKey: [...leadKeys.column(filters, stage), firstCursor],
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/lead-pipelines/{pipeline_id}/board", {
      params: {
        path: { pipeline_id: filters.pipelineId },
        query: boardQuery(filters, { stage, cursor: pageParam ?? undefined }),
      },
      signal,
    })),
    initialPageParam: firstCursor,
    getNextPageParam: (last) => last.columns[0]?.next_cursor ?? undefined,
    enabled: wanted && !!firstCursor,
  });
}

function invalidateLeads(queryClient: QueryClient, customerId: string) {
  void queryClient.invalidateQueries({ queryKey: leadKeys.boards() });
  void queryClient.invalidateQueries({ queryKey: ["customers", "record", customerId] });
  void queryClient.invalidateQueries({ queryKey: ["customers", "list"] });
}

/** Move a lead: the board shows it in its new place at once, and as it was (with the API's reason) on refusal. */
export function useMoveLead(filters: LeadBoardFilters) {
  const queryClient = useQueryClient();
  const key = leadKeys.board(filters);
  return useMutation({
    mutationFn: ({ customerId, to }: { customerId: string; to: Place }) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/lead-stage", {
        params: { path: { customer_id: customerId } },
        body: { stage: to.stage, substage: to.substage, pipeline_id: filters.pipelineId || null },
      })),
    onMutate: async ({ customerId, to }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<LeadBoard>(key);
      if (previous) queryClient.setQueryData<LeadBoard>(key, moveLead(previous, customerId, to));
      return { previous };
    },
    onError: (_error, _move, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: (_data, _error, { customerId }) => invalidateLeads(queryClient, customerId),
  });
}

/** Convert a lead: it becomes a prospect with its first deal, in the deal pipeline chosen. */
export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, conversion }: { customerId: string; conversion: LeadConversion }) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/convert", {
        params: { path: { customer_id: customerId } }, body: conversion,
      })),
    onSettled: (_data, _error, { customerId }) => {
      invalidateLeads(queryClient, customerId);
      void queryClient.invalidateQueries({ queryKey: ["deals"] });
    },
  });
}

export function useMarkLeadLost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, reason }: { customerId: string; reason: string }) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/mark-lost", {
        params: { path: { customer_id: customerId } }, body: { reason },
      })),
    onSettled: (_data, _error, { customerId }) => invalidateLeads(queryClient, customerId),
  });
}

/** The deal pipelines a converted lead's deal may open in (the same cache as the deals board's). */
export function useDealPipelines() {
  return useQuery({
    queryKey: ["pipelines"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/pipelines", { signal })),
    staleTime: 5 * 60_000,
  });
}
