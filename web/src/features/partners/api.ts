/** The partners feature's server state: partners, a partner's wallets, report and links (read only). */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";

export const partnerKeys = {
  all: ["partners"] as const,
  list: () => ["partners", "list"] as const,
  detail: (id: string) => ["partners", "record", id] as const,
  wallets: (id: string) => ["partners", "record", id, "wallets"] as const,
  report: (id: string) => ["partners", "record", id, "report"] as const,
  links: (id: string) => ["partners", "record", id, "links"] as const,
};

const path = (id: string) => ({ path: { partner_id: id } });

export function usePartnerList() {
  return useInfiniteQuery({
    queryKey: partnerKeys.list(),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/partners", {
      params: { query: { page_size: 50, ...(pageParam ? { cursor: pageParam } : {}) } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
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

export function usePartnerLinks(id: string) {
  return useQuery({
    queryKey: partnerKeys.links(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partner-links", {
      params: { query: { partner_id: id, page_size: 100 } }, signal,
    })),
  });
}
