/** The admin feature's server state: users' roles, currency rates and API keys. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import type { Role } from "@/api/types";
import { usersKey } from "@/components/users";

export type ApiKey = components["schemas"]["ApiKeyPublic"];
type ApiKeysPage = components["schemas"]["ApiKeysPage"];
const ratesKey = ["settings", "currency-rates"] as const;
const keysKey = ["admin", "api-keys"] as const;

export function useSetRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ uid, role }: { uid: string; role: Role }) =>
      unwrap(api.PUT("/api/crm/admin/users/{uid}/role", { params: { path: { uid } }, body: { role } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useCurrencyRates() {
  return useQuery({
    queryKey: ratesKey,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/settings/currency-rates", { signal })),
  });
}

export function useSaveCurrencyRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rates: Record<string, string>) =>
      unwrap(api.PUT("/api/crm/settings/currency-rates", { body: { rates } as never })),
    onSuccess: (saved) => queryClient.setQueryData(ratesKey, saved),
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keysKey,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/admin/api-keys", { signal })),
  });
}

/** Create a key: its secret is in this answer only, so it stays in the page that shows it, never in the cache. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, role }: { name: string; role: Role }) =>
      unwrap(api.POST("/api/crm/admin/api-keys", { body: { name, role } })),
    onSuccess: async ({ secret: _secret, ...made }) => {
      // A list request still under way may have read the keys before this one was made: drop it, so that its
      // answer does not replace the list below; the refetch then reads them after.
      await queryClient.cancelQueries({ queryKey: keysKey });
      queryClient.setQueryData<ApiKeysPage>(keysKey, (page) =>
        page && { results: [...page.results, made], total: page.total + 1 });
      void queryClient.invalidateQueries({ queryKey: keysKey });
    },
    gcTime: 0,
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (prefix: string) =>
      unwrap(api.DELETE("/api/crm/admin/api-keys/{prefix}", { params: { path: { prefix } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keysKey }),
  });
}
