import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { CustomerPanelProps } from "@/app/feature";
import { useAccess } from "@/auth/session";
import { errorAt, SelectField, showFieldErrors, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useSaveAccount } from "../api";
import { ACCOUNT_FORM_FIELDS, SIZE_BANDS, toAccountUpdate, toAccountValues, type AccountValues } from "../logic/accountForm";
import { ParentPicker } from "./ParentPicker";
import "../accounts.css";

const ADDRESS = ["line1", "line2", "city", "postal_code", "region", "country"] as const;

/** The customer as an account: person or organization and, for an organization, its company fields and parent
 * account; saved as a PATCH of what changed, with If-Match. */
export default function AccountPanel({ customer, onSaved }: CustomerPanelProps) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<AccountValues>({ defaultValues: toAccountValues(customer) });
  const loaded = useRef({ version: customer.version, values: toAccountValues(customer) });
  const [banner, setBanner] = useState<string | null>(null);
  const save = useSaveAccount(customer.id);
  const { isDirty, errors } = form.formState;
  const kind = form.watch("kind");
  const parentId = form.watch("parent_id");

  useEffect(() => {
    if (customer.version === loaded.current.version || form.formState.isDirty) return;
    loaded.current = { version: customer.version, values: toAccountValues(customer) };
    form.reset(loaded.current.values);
  }, [customer, form]);

  async function submit(values: AccountValues) {
    setBanner(null);
    const update = toAccountUpdate(values, loaded.current.values);
    if (Object.keys(update).length === 0) return form.reset(values);
    try {
      const saved = await save.mutateAsync({ update, version: customer.version });
      loaded.current = { version: saved.version, values: toAccountValues(saved) };
      form.reset(loaded.current.values);
      onSaved(saved);
      notify(t("accounts.saved"));
    } catch (error) {
      const shown = toUserError(error, t, ACCOUNT_FORM_FIELDS);
      setBanner(shown.conflict ? t("accounts.conflict") : shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  const error = (path: string) => errorAt(errors, path);
  const address = (key: "billing" | "shipping", field: string) => (
    <fieldset className="group address" disabled={!editable}>
      <legend>{t(`accounts.${key}`)}</legend>
      <div className="grid">
        {ADDRESS.map((part) => (
          <TextField key={part} label={t(`accounts.address.${part}`)} {...form.register(`${key}.${part}`)}
            error={error(`${field}.${part}`)} />
        ))}
      </div>
    </fieldset>
  );
  return (
    <form className="panel account-panel" onSubmit={form.handleSubmit(submit)} noValidate aria-labelledby="account-title">
      <h2 id="account-title">{t("accounts.title")}</h2>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <fieldset className="kind-switch" disabled={!editable}>
        <legend>{t("accounts.kind")}</legend>
        <label className="check"><input type="radio" value="person" {...form.register("kind")} />{t("accounts.person")}</label>
        <label className="check"><input type="radio" value="organization" {...form.register("kind")} />{t("accounts.organization")}</label>
      </fieldset>
      {kind === "organization" && (
        <>
          <fieldset className="grid" disabled={!editable}>
            <TextField label={t("accounts.website")} type="url" {...form.register("website")} error={error("website")} />
            <TextField label={t("accounts.industry")} {...form.register("industry")} error={error("industry")} />
            <SelectField label={t("accounts.sizeBand")} {...form.register("size_band")} error={error("size_band")}
              options={[{ value: "", label: t("common.none") },
                ...SIZE_BANDS.map((band) => ({ value: band, label: t("accounts.employees", { band }) }))]} />
            <TextField label={t("accounts.taxId")} {...form.register("tax_id")} error={error("tax_id")} />
            <TextField label={t("accounts.revenue")} inputMode="decimal" {...form.register("revenue_amount")}
              error={error("annual_revenue.amount") ?? error("annual_revenue")} />
            <TextField label={t("accounts.revenueCurrency")} maxLength={3} {...form.register("revenue_currency")}
              error={error("annual_revenue.currency")} />
          </fieldset>
          {address("billing", "billing_address")}
          {address("shipping", "shipping_address")}
          <ParentPicker customerId={customer.id} value={parentId} disabled={!editable} error={error("parent_id")}
            onChange={(id) => form.setValue("parent_id", id, { shouldDirty: true })} />
        </>
      )}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending || !isDirty}>
            {save.isPending ? t("common.saving") : t("accounts.save")}
          </button>
          {isDirty && <button type="button" onClick={() => form.reset(loaded.current.values)}>{t("common.cancel")}</button>}
        </div>
      )}
    </form>
  );
}
