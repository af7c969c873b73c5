/** Saved views through the API: the caller's own and the shared ones of a list, save, change, delete. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { ViewState } from "./state";

export type SavedView = components["schemas"]["SavedView"];
export type ViewResource = components["schemas"]["ViewResource"];
export type { ViewState };

const viewsKey = (resource: ViewResource) => ["views", resource] as const;

export function useSavedViews(resource: ViewResource) {
  return useQuery({
    queryKey: viewsKey(resource),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/views", { params: { query: { resource } }, signal })),
    staleTime: 60_000,
  });
}

export function useSaveView(resource: ViewResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; visibility: "private" | "shared"; state: ViewState }) =>
      unwrap(api.POST("/api/crm/views", { body: { ...body, resource } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: viewsKey(resource) }),
  });
}

export function useChangeView(resource: ViewResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ view, state }: { view: SavedView; state: ViewState }) =>
      unwrap(api.PATCH("/api/crm/views/{view_id}", {
        // Only the state changes: the API refuses null for the fields left as they are.
        params: { path: { view_id: view.id } }, body: { state } as never,
        headers: ifMatch(view.version),
      })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: viewsKey(resource) }),
  });
}

export function useDeleteView(resource: ViewResource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: SavedView) =>
      unwrap(api.DELETE("/api/crm/views/{view_id}", {
        params: { path: { view_id: view.id } }, headers: ifMatch(view.version),
      })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: viewsKey(resource) }),
  });
}

export { compact, sameState } from "./state";
