/** Deleted customers: the list (most recently deleted first) and restoring one. */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";

const deletedKey = (owner: string) => ["customers", "deleted", owner] as const;

export function useDeletedCustomers(owner: string) {
  return useInfiniteQuery({
    queryKey: deletedKey(owner),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/deleted-customers", {
      params: { query: { page_size: 25, ...(owner ? { owner_id: owner } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
      signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useRestore() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/api/crm/customers/{customer_id}/restore", { params: { path: { customer_id: id } } })),
    onSuccess: (restored) => {
      queryClient.setQueryData(["customers", "record", restored.id, "detail"], restored);
      void queryClient.invalidateQueries({ queryKey: ["customers"] });
    },
  });
}
