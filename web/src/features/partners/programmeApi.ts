/** The programme's set-up: commission plans, its settings (admins change them) and conversion sources (admins). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { partnerKeys, refetchAfterChange } from "./api";

type Schemas = components["schemas"];
export type CommissionPlan = Schemas["CommissionPlan"];
export type PlanCreate = Schemas["PlanCreate"];
export type PlanUpdate = Schemas["PlanUpdate"];
export type PartnerProgramme = Schemas["PartnerProgramme"];
export type PartnerProgrammeUpdate = Schemas["PartnerProgrammeUpdate"];
export type ConversionSource = Schemas["ConversionSource"];

export function usePlans(enabled = true) {
  return useQuery({
    queryKey: partnerKeys.plans(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partner-plans", { signal })),
    enabled,
    staleTime: 60_000,
  });
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: string; body: PlanCreate | Partial<PlanUpdate> }) =>
      unwrap(id
        ? api.PATCH("/api/crm/partner-plans/{plan_id}", {
          params: { path: { plan_id: id } }, body: body as PlanUpdate, headers: ifMatch(version),
        })
        : api.POST("/api/crm/partner-plans", { body: body as PlanCreate })),
    onSettled: () => refetchAfterChange(queryClient, partnerKeys.plans()),
  });
}

export function useProgramme() {
  return useQuery({
    queryKey: partnerKeys.programme(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/settings/partner-programme", { signal })),
  });
}

export function useSaveProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PartnerProgrammeUpdate) => unwrap(api.PUT("/api/crm/settings/partner-programme", { body })),
    onSuccess: (saved) => queryClient.setQueryData(partnerKeys.programme(), saved),
  });
}

export function useSources() {
  return useQuery({
    queryKey: partnerKeys.sources(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/partner-conversion-sources", { signal })),
  });
}

/** Create a source or make a new secret for one: either answer holds the secret, shown once. */
export function useSourceSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rotate, id, name }: { rotate: boolean; id: string; name?: string }) => unwrap(rotate
      ? api.POST("/api/crm/partner-conversion-sources/{source_id}/rotate-secret", { params: { path: { source_id: id } } })
      : api.POST("/api/crm/partner-conversion-sources", { body: { id, name: name ?? "" } })),
    onSettled: () => refetchAfterChange(queryClient, partnerKeys.sources()),
  });
}

export function useSetSourceActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(api.PATCH("/api/crm/partner-conversion-sources/{source_id}", {
        params: { path: { source_id: id } }, body: { active },
      })),
    onSettled: () => refetchAfterChange(queryClient, partnerKeys.sources()),
  });
}
