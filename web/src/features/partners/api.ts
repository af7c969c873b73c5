/** The partners feature's server state: partners and what hangs off one (wallets, report, links, commissions,
 * payouts), and the changes managers and admins make to them. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];
export type Partner = Schemas["Partner"];
export type PartnerCreate = Schemas["PartnerCreate"];
export type PartnerUpdate = Schemas["PartnerUpdate"];
export type PartnerStatus = Schemas["PartnerStatus"];

export const partnerKeys = {
  all: ["partners"] as const,
  lists: () => ["partners", "list"] as const,
  list: (status: PartnerStatus | "all") => ["partners", "list", status] as const,
  detail: (id: string) => ["partners", "record", id] as const,
  wallets: (id: string) => ["partners", "record", id, "wallets"] as const,
  report: (id: string) => ["partners", "record", id, "report"] as const,
  links: (id: string) => ["partners", "record", id, "links"] as const,
  commissions: (id: string, status: string) => ["partners", "record", id, "commissions", status] as const,
  payouts: (id: string) => ["partners", "record", id, "payouts"] as const,
  plans: () => ["partners", "plans"] as const,
  programme: () => ["partners", "programme"] as const,
  sources: () => ["partners", "sources"] as const,
};

const path = (id: string) => ({ path: { partner_id: id } });

export function usePartnerList(status: PartnerStatus | "all" = "all") {
  return useInfiniteQuery({
    queryKey: partnerKeys.list(status),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/partners", {
      params: { query: {
        page_size: 50, ...(status === "all" ? {} : { status }), ...(pageParam ? { cursor: pageParam } : {}),
      } },
      signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function usePartner(id: string) {
  return useQuery({
    queryKey: partnerKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partners/{partner_id}", { params: path(id), signal })),
  });
}

export function usePartnerWallets(id: string) {
  return useQuery({
    queryKey: partnerKeys.wallets(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partners/{partner_id}/wallets", { params: path(id), signal })),
  });
}

export function usePartnerReport(id: string) {
  return useQuery({
    queryKey: partnerKeys.report(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partners/{partner_id}/report", {
      params: { ...path(id), query: {} }, signal,
    })),
  });
}

/** Fetch ``queryKey`` anew after a change. A first load still under way is cancelled first: left alone, it would be
 * reused and could bring a list read before the change. */
export async function refetchAfterChange(queryClient: QueryClient, queryKey: readonly unknown[]) {
  await queryClient.cancelQueries({ queryKey });
  return queryClient.invalidateQueries({ queryKey });
}

/** A partner changed: its record (as saved) and every list of partners. */
function partnerSaved(queryClient: QueryClient, saved: Partner) {
  queryClient.setQueryData(partnerKeys.detail(saved.id), saved);
  void refetchAfterChange(queryClient, partnerKeys.lists());
}

export function useCreatePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerCreate) => unwrap(api.POST("/api/crm/partners", { body })),
    onSuccess: (saved) => partnerSaved(queryClient, saved),
  });
}

export function useUpdatePartner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: Partial<PartnerUpdate>; version: string }) =>
      unwrap(api.PATCH("/api/crm/partners/{partner_id}", { params: path(id), body: update as PartnerUpdate, headers: ifMatch(version) })),
    onSuccess: (saved) => partnerSaved(queryClient, saved),
  });
}

/** Everything shown of one partner that money moves change: wallets, report, commissions, payouts. */
export function refreshPartnerMoney(queryClient: QueryClient, partnerId: string) {
  return queryClient.invalidateQueries({
    queryKey: partnerKeys.detail(partnerId),
    predicate: (query) => query.queryKey.length > 3,
  });
}
