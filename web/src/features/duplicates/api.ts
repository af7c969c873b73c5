/** The duplicates feature's server state: likely duplicate pairs, a merge's preview, and the merge. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];
export type DuplicatePair = Schemas["DuplicatesPage"]["results"][number];
export type MergePreview = Schemas["MergePreview"];
export type MergeResult = Schemas["MergeResult"];

export const duplicateKeys = {
  list: () => ["customers", "duplicates"] as const,
  preview: (target: string, absorbed: string) => ["customers", "merge-preview", target, absorbed] as const,
};

export function useDuplicates() {
  return useInfiniteQuery({
    queryKey: duplicateKeys.list(),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/customers/duplicates", {
      params: { query: { page_size: 25, ...(pageParam ? { cursor: pageParam } : {}) } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useMergePreview(target: string, absorbed: string, enabled: boolean) {
  return useQuery({
    queryKey: duplicateKeys.preview(target, absorbed),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/merge-preview", {
      params: { path: { customer_id: target }, query: { from: absorbed } }, signal,
    })),
    enabled,
    staleTime: 0,
  });
}

export function useMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, absorbed }: { target: string; absorbed: string }) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/merge", {
        params: { path: { customer_id: target } }, body: { from: [absorbed] } as Schemas["MergeRequest"],
      })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
      void queryClient.invalidateQueries({ queryKey: ["people"] });
    },
  });
}
