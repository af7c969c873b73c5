/** The people feature's server state: contact persons, their lists and searches, and their changes. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

type Schemas = components["schemas"];
export type Person = Schemas["Person"];
export type PersonListItem = Schemas["PersonListItem"];
export type PersonCreate = Schemas["PersonCreate"];
export type PersonUpdate = Schemas["PersonUpdate"];

export interface PeopleFilters {
  search: string;
  customerId: string;
  ownerId: string;
}

export const peopleKeys = {
  all: ["people"] as const,
  lists: () => ["people", "list"] as const,
  list: (filters: PeopleFilters, pageSize: number) => ["people", "list", filters, pageSize] as const,
  ofCustomer: (customerId: string) => ["people", "list", "customer", customerId] as const,
  record: (id: string) => ["people", "record", id] as const,
};

const onePath = (id: string) => ({ params: { path: { person_id: id } } });

function query(filters: PeopleFilters, pageSize: number, cursor: string | null) {
  const search = filters.search.trim();
  return {
    page_size: pageSize,
    ...(search ? { search } : {}),
    ...(filters.customerId ? { customer_id: filters.customerId } : {}),
    ...(filters.ownerId ? { owner_id: filters.ownerId } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

export function usePeopleList(filters: PeopleFilters, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(filters, pageSize),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/api/crm/people", { params: { query: query(filters, pageSize, pageParam) }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

/** A customer's people (a customer holds at most 100): one page. */
export function useCustomerPeople(customerId: string) {
  return useQuery({
    queryKey: peopleKeys.ofCustomer(customerId),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}/people", {
      params: { path: { customer_id: customerId }, query: { page_size: 100 } }, signal,
    })),
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: peopleKeys.record(id),
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/people/{person_id}", { ...onePath(id), signal })),
  });
}

function refresh(queryClient: QueryClient, person: Person) {
  queryClient.setQueryData(peopleKeys.record(person.id), person);
  void queryClient.invalidateQueries({ queryKey: peopleKeys.lists() });
  // The customer's timeline shows the change too.
  void queryClient.invalidateQueries({ queryKey: ["customers", "record", person.customer_id, "timeline"] });
}

export function useCreatePerson(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonCreate) => unwrap(api.POST("/api/crm/customers/{customer_id}/people", {
      params: { path: { customer_id: customerId } }, body,
    })),
    onSuccess: (created) => refresh(queryClient, created),
  });
}

export function useUpdatePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ update, version }: { update: PersonUpdate; version: string }) =>
      unwrap(api.PATCH("/api/crm/people/{person_id}", { ...onePath(id), body: update, headers: ifMatch(version) })),
    onSuccess: (saved) => refresh(queryClient, saved),
  });
}

/** Mark a person primary, from a list: with If-Match on the version the list shows. */
export function useMarkPrimary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (person: Person) => unwrap(api.PATCH("/api/crm/people/{person_id}", {
      ...onePath(person.id), body: { primary: true } as PersonUpdate, headers: ifMatch(person.version),
    })),
    onSuccess: (saved) => refresh(queryClient, saved),
  });
}

export function useDeletePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: string) =>
      unwrap(api.DELETE("/api/crm/people/{person_id}", { ...onePath(id), headers: ifMatch(version) })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: peopleKeys.record(id) });
      void queryClient.invalidateQueries({ queryKey: peopleKeys.lists() });
    },
  });
}

export function useRestorePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/crm/people/{person_id}/restore", onePath(id))),
    onSuccess: (restored) => refresh(queryClient, restored),
  });
}
