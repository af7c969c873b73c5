/** A partner's commissions and payouts: listing them, approving a commission, and paying the approved balance. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { partnerKeys, refreshPartnerMoney } from "./api";

export type Commission = components["schemas"]["Commission"];
export type CommissionStatus = components["schemas"]["CommissionStatus"];
export type Payout = components["schemas"]["Payout"];
export const COMMISSION_STATUSES: CommissionStatus[] = ["pending", "approved", "paid", "reversed"];

export function useCommissions(partnerId: string, status: CommissionStatus | "all") {
  return useInfiniteQuery({
    queryKey: partnerKeys.commissions(partnerId, status),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/partner-commissions", {
      params: { query: {
        partner_id: partnerId, page_size: 25, ...(status === "all" ? {} : { status }),
        ...(pageParam ? { cursor: pageParam } : {}),
      } },
      signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function usePayouts(partnerId: string) {
  return useQuery({
    queryKey: partnerKeys.payouts(partnerId),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partner-payouts", {
      params: { query: { partner_id: partnerId, page_size: 50 } }, signal,
    })),
  });
}

export function useApproveCommission(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/crm/partner-commissions/{commission_id}/approve", {
      params: { path: { commission_id: id } },
    })),
    onSettled: () => refreshPartnerMoney(queryClient, partnerId),
  });
}

export function useCreatePayout(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (currency: string) => unwrap(api.POST("/api/crm/partner-payouts", {
      body: { partner_id: partnerId, currency },
    })),
    onSettled: () => refreshPartnerMoney(queryClient, partnerId),
  });
}

export function usePayoutMove(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reference }: { id: string; reference?: string }) => {
      const params = { params: { path: { payout_id: id } } };
      return unwrap(reference === undefined
        ? api.POST("/api/crm/partner-payouts/{payout_id}/cancel", params)
        : api.POST("/api/crm/partner-payouts/{payout_id}/mark-paid", { ...params, body: { reference } }));
    },
    onSettled: () => refreshPartnerMoney(queryClient, partnerId),
  });
}
