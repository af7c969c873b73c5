/** The activities feature's server state: lists keyed by their query, one activity, and the writes. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { BulkRequest } from "@/api/types";
import type { Activity, ActivityCreate, ActivityUpdate } from "./logic/activityForm";
import type { ActivityQuery } from "./logic/workFilters";

export const activityKeys = {
  all: ["activities"] as const,
  lists: () => ["activities", "list"] as const,
  list: (query: Omit<ActivityQuery, "cursor">) => ["activities", "list", query] as const,
  overdue: (query: ActivityQuery) => ["activities", "list", "overdue-count", query] as const,
  record: (id: string) => ["activities", "record", id] as const,
};

const path = (id: string) => ({ params: { path: { activity_id: id } } });

export function useActivityList(query: ActivityQuery) {
  return useInfiniteQuery({
    queryKey: activityKeys.list(query),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/activities", {
      params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** How many activities ``query`` matches (a one-record page with its total). */
export function useActivityCount(query: ActivityQuery, enabled = true) {
  return useQuery({
    queryKey: activityKeys.overdue(query),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/activities", { params: { query }, signal })),
    select: (page) => page.total,
    enabled,
  });
}

export function useActivity(id: string) {
  return useQuery({
    queryKey: activityKeys.record(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/activities/{activity_id}", { ...path(id), signal })),
  });
}

/** The open deals of a customer, to link an activity to one. */
export function useOpenDeals(customerId: string | undefined) {
  return useQuery({
    queryKey: ["activities", "deals-of", customerId],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/deals", {
      params: { path: { customer_id: customerId! }, query: { status: "open", page_size: 50 } }, signal,
    })),
    enabled: !!customerId,
    staleTime: 60_000,
  });
}

/** Activities change their customer too (its last activity): refetch both. */
function refresh(queryClient: QueryClient, customerId?: string) {
  void queryClient.invalidateQueries({ queryKey: activityKeys.all });
  if (customerId) void queryClient.invalidateQueries({ queryKey: ["customers", "record", customerId] });
}

export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityCreate) => unwrap(api.POST("/api/crm/activities", { body })),
    onSuccess: (created) => {
      queryClient.setQueryData(activityKeys.record(created.id), created);
      refresh(queryClient, created.customer_id);
    },
  });
}

export function useUpdateActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: ActivityUpdate; version?: string }) =>
      unwrap(api.PATCH("/api/crm/activities/{activity_id}", { ...path(id), body: update, headers: ifMatch(version) })),
    onSuccess: (saved) => {
      queryClient.setQueryData(activityKeys.record(id), saved);
      refresh(queryClient, saved.customer_id);
    },
  });
}

/** Complete an activity; the lists and its customer follow. */
export function useCompleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activity: Activity) =>
      unwrap(api.POST("/api/crm/activities/{activity_id}/complete", path(activity.id))),
    onSuccess: (saved) => {
      queryClient.setQueryData(activityKeys.record(saved.id), saved);
      refresh(queryClient, saved.customer_id);
    },
  });
}

export function useDeleteActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version }: { version: string; customerId: string }) =>
      unwrap(api.DELETE("/api/crm/activities/{activity_id}", { ...path(id), headers: ifMatch(version) })),
    onSuccess: (_nothing, { customerId }) => {
      queryClient.removeQueries({ queryKey: activityKeys.record(id) });
      refresh(queryClient, customerId);
    },
  });
}

/** One change to the ticked activities (each checked and changed on its own; the answer says each one's result). */
export function useBulkActivities() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRequest) => unwrap(api.POST("/api/crm/activities/bulk", { body })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: activityKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["customers", "record"] });
    },
  });
}

/** What to call after activities changed another way (a bulk job): the lists, pages and customers refetch. */
export function useActivitiesChanged() {
  const queryClient = useQueryClient();
  return () => refresh(queryClient);
}
