/** The integrations feature's server state: webhook endpoints, their deliveries, admin notices and lead sources. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointCreate = Schemas["WebhookEndpointCreate"];
export type WebhookEndpointUpdate = Schemas["WebhookEndpointUpdate"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type DeliveryState = WebhookDelivery["state"];
export type LeadSource = Schemas["LeadSource"];
export type LeadSourceCreate = Schemas["LeadSourceCreate"];
export type LeadSourceUpdate = Schemas["LeadSourceUpdate"];
export type LeadSourceKind = NonNullable<LeadSource["kind"]>;
export type RequiredField = NonNullable<LeadSource["required_fields"]>[number];

export const DELIVERY_STATES: DeliveryState[] = ["pending", "delivered", "failed", "cancelled"];
export const LEAD_SOURCE_KINDS: LeadSourceKind[] = ["web_form", "ad_platform", "other"];
export const REQUIRED_FIELDS: RequiredField[] = ["name", "email", "phone", "company", "message"];

export const integrationKeys = {
  endpoints: ["webhooks", "endpoints"] as const,
  endpoint: (id: string) => ["webhooks", "endpoints", id] as const,
  deliveries: (id: string, state: string) => ["webhooks", "endpoints", id, "deliveries", state] as const,
  eventTypes: ["webhooks", "event-types"] as const,
  notices: ["admin", "notices"] as const,
  sources: ["lead-sources"] as const,
  source: (id: string) => ["lead-sources", id] as const,
  snippet: (id: string) => ["lead-sources", id, "snippet"] as const,
};

const endpointPath = (id: string) => ({ params: { path: { endpoint_id: id } } });
const sourcePath = (id: string) => ({ params: { path: { source_id: id } } });

export function useEventTypes() {
  return useQuery({
    queryKey: integrationKeys.eventTypes,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/webhook-event-types", { signal })),
    staleTime: 60 * 60_000,
  });
}

export function useEndpoints() {
  return useQuery({
    queryKey: integrationKeys.endpoints,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/webhooks", { signal })),
  });
}

export function useEndpoint(id: string) {
  return useQuery({
    queryKey: integrationKeys.endpoint(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/webhooks/{endpoint_id}", { ...endpointPath(id), signal })),
  });
}

export function useDeliveries(id: string, state: DeliveryState | "") {
  return useInfiniteQuery({
    queryKey: integrationKeys.deliveries(id, state),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/admin/webhooks/{endpoint_id}/deliveries", {
      params: {
        path: { endpoint_id: id },
        query: { page_size: 25, ...(state ? { state } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
      },
      signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useDeliveryDetail(id: string | null) {
  return useQuery({
    queryKey: ["webhooks", "delivery", id],
    enabled: id !== null,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/webhook-deliveries/{delivery_id}", {
      params: { path: { delivery_id: id ?? "" } }, signal,
    })),
  });
}

export function useNotices() {
  return useQuery({
    queryKey: integrationKeys.notices,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/notices", { signal })),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return (...keys: readonly (readonly unknown[])[]) => {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
}

export function useDismissNotice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/crm/admin/notices/{notice_id}/dismiss", {
      params: { path: { notice_id: id } },
    })),
    onSettled: () => invalidate(integrationKeys.notices),
  });
}

export function useCreateEndpoint() {
  const invalidate = useInvalidate();
  return useMutation({
    // The generated type lists every optional field as required-or-null; the API refuses null where it means "unset".
    mutationFn: (body: Pick<WebhookEndpointCreate, "url" | "events"> & Partial<WebhookEndpointCreate>) =>
      unwrap(api.POST("/api/crm/admin/webhooks", { body: body as WebhookEndpointCreate })),
    onSuccess: () => invalidate(integrationKeys.endpoints),
  });
}

export function useUpdateEndpoint(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ update, version }: { update: WebhookEndpointUpdate; version?: string | null }) =>
      unwrap(api.PATCH("/api/crm/admin/webhooks/{endpoint_id}", {
        ...endpointPath(id), body: update, headers: ifMatch(version),
      })),
    onSettled: () => invalidate(integrationKeys.endpoints, integrationKeys.notices),
  });
}

export function useDeleteEndpoint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version?: string | null) =>
      unwrap(api.DELETE("/api/crm/admin/webhooks/{endpoint_id}", { ...endpointPath(id), headers: ifMatch(version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: integrationKeys.endpoint(id) });
      void queryClient.invalidateQueries({ queryKey: integrationKeys.endpoints });
    },
  });
}

export function useRotateEndpointSecret(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (keepPreviousHours: number) => unwrap(api.POST("/api/crm/admin/webhooks/{endpoint_id}/rotate-secret", {
      ...endpointPath(id), body: { keep_previous_hours: keepPreviousHours },
    })),
    onSettled: () => invalidate(integrationKeys.endpoints),
  });
}

export function usePing(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/crm/admin/webhooks/{endpoint_id}/ping", endpointPath(id))),
    onSettled: () => invalidate(integrationKeys.endpoints),
  });
}

export function useRedeliver(endpointId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (deliveryId: string) => unwrap(api.POST("/api/crm/admin/webhook-deliveries/{delivery_id}/redeliver", {
      params: { path: { delivery_id: deliveryId } },
    })),
    onSettled: () => invalidate(integrationKeys.endpoint(endpointId)),
  });
}

export function useLeadSources() {
  return useQuery({
    queryKey: integrationKeys.sources,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/lead-sources", { signal })),
  });
}

export function useLeadSource(id: string) {
  return useQuery({
    queryKey: integrationKeys.source(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/lead-sources/{source_id}", { ...sourcePath(id), signal })),
  });
}

export function useSnippet(id: string) {
  return useQuery({
    queryKey: integrationKeys.snippet(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/crm/admin/lead-sources/{source_id}/snippet", { ...sourcePath(id), signal })),
  });
}

export function useCreateLeadSource() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: Pick<LeadSourceCreate, "name"> & Partial<LeadSourceCreate>) =>
      unwrap(api.POST("/api/crm/admin/lead-sources", { body: body as LeadSourceCreate })),
    onSuccess: () => invalidate(integrationKeys.sources),
  });
}

export function useUpdateLeadSource(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ update, version }: { update: LeadSourceUpdate; version?: string | null }) =>
      unwrap(api.PATCH("/api/crm/admin/lead-sources/{source_id}", {
        ...sourcePath(id), body: update, headers: ifMatch(version),
      })),
    onSettled: () => invalidate(integrationKeys.sources),
  });
}

export function useDeleteLeadSource(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version?: string | null) =>
      unwrap(api.DELETE("/api/crm/admin/lead-sources/{source_id}", { ...sourcePath(id), headers: ifMatch(version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: integrationKeys.source(id) });
      void queryClient.invalidateQueries({ queryKey: integrationKeys.sources });
    },
  });
}

export function useRotateLeadSourceSecret(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/crm/admin/lead-sources/{source_id}/rotate-secret", sourcePath(id))),
    onSettled: () => invalidate(integrationKeys.sources),
  });
}

export function useRotateLeadSourceToken(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/crm/admin/lead-sources/{source_id}/rotate-token", sourcePath(id))),
    onSettled: () => invalidate(integrationKeys.sources),
  });
}
