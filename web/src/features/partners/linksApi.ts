/** A partner's tracked links: the list, and creating, changing and stopping one. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { partnerKeys, refetchAfterChange } from "./api";

export type PartnerLink = components["schemas"]["PartnerLink"];
export type PartnerLinkCreate = components["schemas"]["PartnerLinkCreate"];
export type PartnerLinkUpdate = components["schemas"]["PartnerLinkUpdate"];

export function usePartnerLinks(partnerId: string) {
  return useQuery({
    queryKey: partnerKeys.links(partnerId),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partner-links", {
      params: { query: { partner_id: partnerId, page_size: 100 } }, signal,
    })),
  });
}

export function useCreateLink(partnerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerLinkCreate) => unwrap(api.POST("/api/crm/partner-links", { body })),
    onSettled: () => refetchAfterChange(queryClient, partnerKeys.links(partnerId)),
  });
}

export function useUpdateLink(link: PartnerLink) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: Partial<PartnerLinkUpdate>; version: string }) =>
      unwrap(api.PATCH("/api/crm/partner-links/{link_id}", {
        params: { path: { link_id: link.id } }, body: update as PartnerLinkUpdate, headers: ifMatch(version),
      })),
    onSettled: () => refetchAfterChange(queryClient, partnerKeys.links(link.partner_id)),
  });
}
