import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "@/components/fields";
import { useDebounced } from "@/components/useDebounced";
import { useCustomerChoices, useCustomerName } from "../api";
import type { DealFormValues } from "../logic/dealForm";

/** The customer of a new deal: search (the API's search, as the customers list does), then choose. */
export function CustomerPicker({ error }: { error?: string }) {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<DealFormValues>();
  const [search, setSearch] = useState("");
  const settled = useDebounced(search, 300);
  const choices = useCustomerChoices(settled);
  const chosen = watch("customer_id");
  const options = choices.data?.results ?? [];
  const listed = options.some((c) => c.id === chosen);
  const chosenName = useCustomerName(!listed && chosen ? chosen : undefined);

  return (
    <div className="customer-picker">
      <TextField label={t("deals.form.findCustomer")} type="search" value={search} autoComplete="off"
        onChange={(e) => setSearch(e.target.value)} />
      <SelectField label={t("deals.form.customer")} required {...register("customer_id")} error={error}
        options={[{ value: "", label: choices.isFetching ? t("app.loading") : t("deals.form.chooseCustomer") },
          ...(!listed && chosen ? [{ value: chosen, label: chosenName.data ?? chosen }] : []),
          ...options.map((c) => ({ value: c.id, label: c.organization ? `${c.name} — ${c.organization}` : c.name }))]} />
    </div>
  );
}
