/** The accounts feature's server state: an account's figures, its sub-accounts, the customer search its parent
 * picker uses, and saving the account fields of the customer. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];
export type Customer = Schemas["Customer"];
export type CustomerUpdate = Schemas["CustomerUpdate"];
export type CustomerFigures = Schemas["CustomerFigures"];
export type SizeBand = Schemas["SizeBand"];
export type Address = Schemas["Address"];

export const accountKeys = {
  figures: (id: string) => ["customers", "record", id, "figures"] as const,
  subAccounts: (id: string) => ["customers", "record", id, "sub-accounts"] as const,
  parent: (id: string) => ["customers", "record", id, "detail"] as const,
  picker: (search: string) => ["customers", "list", "account-picker", search] as const,
};

const path = (id: string) => ({ params: { path: { customer_id: id } } });

export function useFigures(id: string, enabled = true) {
  return useQuery({
    queryKey: accountKeys.figures(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/figures", { ...path(id), signal })),
    enabled,
  });
}

export function useSubAccounts(id: string) {
  return useQuery({
    queryKey: accountKeys.subAccounts(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/sub-accounts", {
      params: { path: { customer_id: id }, query: { page_size: 20 } }, signal,
    })),
    enabled: !!id,
  });
}

/** The parent account's name (the customer record; its query is shared with the customer page's). */
export function useParent(id: string | null | undefined) {
  return useQuery({
    queryKey: accountKeys.parent(id ?? ""),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}", { ...path(id ?? ""), signal })),
    enabled: !!id,
    retry: false,
  });
}

export function useAccountSearch(search: string) {
  return useQuery({
    queryKey: accountKeys.picker(search),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers", {
      params: { query: { search, page_size: 8 } }, signal,
    })),
    enabled: search.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useSaveAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: CustomerUpdate; version: string }) =>
      unwrap(api.PATCH("/api/crm/customers/{customer_id}", { ...path(id), body: update, headers: ifMatch(version) })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.figures(id) });
    },
  });
}
