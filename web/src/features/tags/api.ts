/** The tags feature's server state: the registry, adding a tag, and renaming or merging one (a job, run on until
 * it is done). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Tag = components["schemas"]["Tag"];
export type TagJob = components["schemas"]["TagJob"];
const MAX_RUNS = 30;

export const tagKeys = {
  all: ["tags"] as const,
  list: (prefix: string) => ["tags", "list", prefix] as const,
};

export function useTags(prefix: string) {
  return useQuery({
    queryKey: tagKeys.list(prefix),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/tags", {
      params: { query: { page_size: 100, ...(prefix ? { prefix } : {}) } }, signal,
    })),
    placeholderData: (previous) => previous,
  });
}

export function useCreateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; color: string }) =>
      unwrap(api.POST("/api/crm/tags", { body: { ...body, description: null } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  });
}

/** Start a rename (``name``) or a merge (``into``), then run the job on while it is running. */
export function useRetag(onProgress: (job: TagJob) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, name, into }: { id: string; name?: string; into?: string }) => {
      const path = { params: { path: { tag_id: id } } };
      let job = await unwrap(into
        ? api.POST("/api/crm/tags/{tag_id}/merge", { ...path, body: { into } })
        : api.POST("/api/crm/tags/{tag_id}/rename", { ...path, body: { name: name ?? "" } }));
      for (let run = 0; job.status === "running" && run < MAX_RUNS; run++) {
        onProgress(job);
        job = await unwrap(api.POST("/api/crm/tag-jobs/{job_id}/run", { params: { path: { job_id: job.id } } }));
      }
      return job;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  });
}

/** Change a tag's colour and description (its name changes through a rename, which retags every record). */
export function useUpdateTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, color, description }: { id: string; color: string; description: string | null }) =>
      unwrap(api.PATCH("/api/crm/tags/{tag_id}", { params: { path: { tag_id: id } }, body: { color, description } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: tagKeys.all }),
  });
}
