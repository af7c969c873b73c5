/** The orders feature's server state: lists keyed by their query, one order, and the writes. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { OrderQuery, OrderStatus } from "./logic/orderFilters";
import type { Order, OrderCreate, OrderUpdate } from "./logic/orderForm";

export const orderKeys = {
  all: ["orders"] as const,
  lists: () => ["orders", "list"] as const,
  list: (query: OrderQuery) => ["orders", "list", query] as const,
  record: (id: string) => ["orders", "record", id] as const,
};

const path = (id: string) => ({ params: { path: { order_id: id } } });

export function useOrderList(query: OrderQuery) {
  return useInfiniteQuery({
    queryKey: orderKeys.list(query),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/orders", {
      params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: orderKeys.record(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/orders/{order_id}", { ...path(id), signal })),
  });
}

/** The currencies an order may be in: the base currency and those with a rate. */
export function useCurrencies() {
  return useQuery({
    queryKey: ["settings", "currency-rates"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/settings/currency-rates", { signal })),
    staleTime: 60 * 60_000,
    select: (rates) => ({ base: rates.base, all: [rates.base, ...Object.keys(rates.rates).sort()] }),
  });
}

/** An order changes its customer's figures (a delivery, its lifetime value): refetch both. */
function refresh(queryClient: QueryClient, order: { id: string; customer_id: string }, saved?: Order) {
  if (saved) queryClient.setQueryData(orderKeys.record(order.id), saved);
  void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: ["customers", "record", order.customer_id] });
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrderCreate) => unwrap(api.POST("/api/crm/orders", { body })),
    onSuccess: (created) => refresh(queryClient, created, created),
  });
}

export function useUpdateOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: OrderUpdate; version: string }) =>
      unwrap(api.PATCH("/api/crm/orders/{order_id}", { ...path(id), body: update, headers: ifMatch(version) })),
    onSuccess: (saved) => refresh(queryClient, saved, saved),
  });
}

export function useTransitionOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: OrderStatus) =>
      unwrap(api.POST("/api/crm/orders/{order_id}/transition", { ...path(id), body: { status } })),
    onSuccess: (saved) => refresh(queryClient, saved, saved),
  });
}

export function useDeleteOrder(order: Order) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/crm/orders/{order_id}", { ...path(order.id), headers: ifMatch(order.version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: orderKeys.record(order.id) });
      refresh(queryClient, order);
    },
  });
}
