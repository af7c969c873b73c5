/** Pipelines for the admin's editor: list, create, change (moving deals off removed stages), delete. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Pipeline = components["schemas"]["Pipeline"];
export type PipelineCreate = components["schemas"]["PipelineCreate"];
export type PipelineUpdate = components["schemas"]["PipelineUpdate"];

const key = ["pipelines"] as const;

export function usePipelines() {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => unwrap(api.GET("/api/crm/pipelines", { signal })) });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ["deals"] });
    void queryClient.invalidateQueries({ queryKey: ["reports"] });
  };
}

export function useCreatePipeline() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: PipelineCreate) => unwrap(api.POST("/api/crm/pipelines", { body })),
    onSettled: refresh,
  });
}

export function useUpdatePipeline() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: string; body: Partial<PipelineUpdate> }) =>
      unwrap(api.PATCH("/api/crm/pipelines/{pipeline_id}", {
        params: { path: { pipeline_id: id } }, body: body as PipelineUpdate, headers: ifMatch(version),
      })),
    onSettled: refresh,
  });
}

export function useDeletePipeline() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version, moveTo }: { id: string; version: string; moveTo?: string }) =>
      unwrap(api.DELETE("/api/crm/pipelines/{pipeline_id}", {
        params: { path: { pipeline_id: id }, query: moveTo ? { move_deals_to: moveTo } : {} },
        headers: ifMatch(version),
      })),
    onSettled: refresh,
  });
}
