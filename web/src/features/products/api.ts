/** The products feature's server state: the catalog list, adding a product, archiving and restoring one. */
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Product = components["schemas"]["CatalogProduct"];
export type ProductCreate = components["schemas"]["ProductCreate"];
export type Shown = "all" | "active" | "archived";

export const productKeys = {
  lists: () => ["products", "list"] as const,
  list: (search: string, shown: Shown) => ["products", "list", search, shown] as const,
};

export function useProducts(search: string, shown: Shown) {
  return useInfiniteQuery({
    queryKey: productKeys.list(search, shown),
    queryFn: ({ pageParam, signal }) => unwrap(api.GET("/api/crm/products", {
      params: { query: {
        page_size: 50,
        ...(search ? { search } : {}),
        ...(shown === "all" ? {} : { active: shown === "active" }),
        ...(pageParam ? { cursor: pageParam } : {}),
      } },
      signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductCreate) => unwrap(api.POST("/api/crm/products", { body })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: productKeys.lists() }),
  });
}

export function useSetOnSale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, onSale }: { id: string; onSale: boolean }) => {
      const params = { params: { path: { product_id: id } } };
      return unwrap(onSale
        ? api.POST("/api/crm/products/{product_id}/restore", params)
        : api.POST("/api/crm/products/{product_id}/archive", params));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: productKeys.lists() }),
  });
}
