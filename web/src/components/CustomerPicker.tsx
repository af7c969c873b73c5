import { useQuery } from "@tanstack/react-query";
import { useState, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "@/api/client";
import { Combobox, type ComboOption } from "./Combobox";
import { useDebounced } from "./useDebounced";

export interface PickedCustomer {
  id: string;
  name: string;
}

interface Props {
  label: string;
  value: PickedCustomer | null;
  onChange: (customer: PickedCustomer | null) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

const SHOWN = 8;

/** Choose a customer by searching as you type (the API's search; a rep finds only their own). */
export function CustomerPicker({ label, value, onChange, error, hint, disabled, required, inputRef }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [opened, setOpened] = useState(false);
  const search = useDebounced(query.trim(), 250);
  const found = useQuery({
    queryKey: ["customer-picker", search],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers", {
      params: { query: search ? { search, page_size: SHOWN } : { page_size: SHOWN } }, signal,
    })),
    enabled: opened || !!search,
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
  const options: ComboOption[] = (found.data?.results ?? []).map((customer) => ({
    value: customer.id,
    label: customer.name,
    detail: [customer.organization, customer.email].filter(Boolean).join(" · ") || undefined,
  }));
  return (
    <Combobox label={label} selected={value ? { value: value.id, label: value.name } : null}
      onSelect={(option) => onChange(option ? { id: option.value, name: option.label } : null)}
      query={query} onQueryChange={setQuery} options={options} onOpenChange={(open) => open && setOpened(true)}
      loading={found.isFetching} error={error} hint={hint ?? t("ui.customers.pickerHint")} disabled={disabled}
      required={required} clearable={!required} inputRef={inputRef} />
  );
}

/** A customer's id and name, for a form or filter that starts with that customer chosen. */
export function useCustomerChoice(id: string | null | undefined) {
  return useQuery({
    queryKey: ["customers", "record", id, "detail"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/customers/{customer_id}", {
      params: { path: { customer_id: id! } }, signal,
    })),
    enabled: !!id,
    staleTime: 5 * 60_000,
    select: (customer): PickedCustomer => ({ id: customer.id, name: customer.name }),
  });
}
