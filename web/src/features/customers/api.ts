/** The customers feature's server state: query keys, queries and mutations (optimistic where the outcome is
 * certain enough, rolled back when the API refuses). */
import {
  useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient,
} from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { BulkRequest, Customer, CustomerCreate, CustomerUpdate, Me } from "@/api/types";
import { listKey, toApiQuery, type ListFilters } from "./logic/listFilters";

export const customerKeys = {
  all: ["customers"] as const,
  lists: () => ["customers", "list"] as const,
  list: (filters: ListFilters) => ["customers", "list", listKey(filters)] as const,
  record: (id: string) => ["customers", "record", id] as const,
  detail: (id: string) => ["customers", "record", id, "detail"] as const,
  summary: (id: string) => ["customers", "record", id, "summary"] as const,
  timeline: (id: string) => ["customers", "record", id, "timeline"] as const,
  related: (id: string, kind: "deals" | "orders") => ["customers", "record", id, kind] as const,
};

const path = (id: string) => ({ params: { path: { customer_id: id } } });

export function useCustomerList(filters: ListFilters) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/api/crm/customers", { params: { query: toApiQuery(filters, pageParam) }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}", { ...path(id), signal })),
  });
}

export function useCustomerSummary(id: string) {
  return useQuery({
    queryKey: customerKeys.summary(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/summary", { ...path(id), signal })),
  });
}

export function useCustomerTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/api/crm/customers/{customer_id}/timeline", {
        params: { path: { customer_id: id }, query: { page_size: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useCustomerDeals(id: string) {
  return useQuery({
    queryKey: customerKeys.related(id, "deals"),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/deals", {
      params: { path: { customer_id: id }, query: { page_size: 20 } }, signal,
    })),
  });
}

export function useCustomerOrders(id: string) {
  return useQuery({
    queryKey: customerKeys.related(id, "orders"),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/orders", {
      params: { path: { customer_id: id }, query: { page_size: 20 } }, signal,
    })),
  });
}

/** A deal's stage by its name in its pipeline (the id until the pipelines are loaded). */
export function useStageNames(): (pipelineId: string, stageId: string) => string {
  const { data } = useQuery({
    queryKey: ["pipelines"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/pipelines", { signal })),
    staleTime: 10 * 60_000,
  });
  return (pipelineId, stageId) =>
    data?.results.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId)?.name ?? stageId;
}

/** The base currency in which lifetime values are kept. */
export function useBaseCurrency(): string {
  const { data } = useQuery({
    queryKey: ["settings", "currency-rates"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/settings/currency-rates", { signal })),
    staleTime: 60 * 60_000,
  });
  return data?.base ?? "EUR";
}

function invalidateRecord(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: customerKeys.record(id) });
  void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
}

/** Save changed fields with If-Match; the page shows the saved record at once, and the old one again on error. */
export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: CustomerUpdate; version: string }) =>
      unwrap(api.PATCH("/api/crm/customers/{customer_id}", { ...path(id), body: update, headers: ifMatch(version) })),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.detail(id), saved);
      invalidateRecord(queryClient, id);
    },
  });
}

export function useAddNote(id: string, me: Me) {
  const queryClient = useQueryClient();
  const key = customerKeys.detail(id);
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/notes", { ...path(id), body: { text } })),
    onMutate: async (text) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Customer>(key);
      if (previous) {
        const note = { text, by: me.uid, at: new Date().toISOString() };
        queryClient.setQueryData<Customer>(key, { ...previous, notes: [...previous.notes, note] });
      }
      return { previous };
    },
    onError: (_error, _text, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onSettled: () => invalidateRecord(queryClient, id),
  });
}

export type StatusAction = "upgrade" | "mark-lost";

export function useStatusAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason }: { action: StatusAction; reason?: string }) => {
      if (action === "upgrade") return unwrap(api.POST("/api/crm/customers/{customer_id}/upgrade", path(id)));
      return unwrap(api.POST("/api/crm/customers/{customer_id}/mark-lost", { ...path(id), body: { reason: reason ?? "" } }));
    },
    onSettled: () => invalidateRecord(queryClient, id),
  });
}

export function useDeleteCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) =>
      unwrap(api.DELETE("/api/crm/customers/{customer_id}", { ...path(id), headers: ifMatch(version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: customerKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

export function useRestoreCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/crm/customers/{customer_id}/restore", path(id))),
    onSuccess: (restored) => {
      queryClient.setQueryData(customerKeys.detail(id), restored);
      invalidateRecord(queryClient, id);
    },
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomerCreate) => unwrap(api.POST("/api/crm/customers", { body })),
    onSuccess: (created) => {
      queryClient.setQueryData(customerKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}

/** One change to the selected customers (each checked and changed on its own; the answer says each one's result). */
export function useBulkCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRequest) => unwrap(api.POST("/api/crm/customers/bulk", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
