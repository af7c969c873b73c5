import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { Customer } from "@/api/types";
import { useAccess } from "@/auth/session";
import { showFieldErrors } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useUpdateCustomer } from "../api";
import { CUSTOMER_FORM_FIELDS, toFormValues, toUpdate, type CustomerFormValues } from "../logic/formValues";
import { CustomerFields } from "./CustomerFields";

interface Props {
  customer: Customer;
  /** Fetch the record as it is now (after a 412). */
  reload: () => Promise<Customer | undefined>;
}

/** The customer's fields, saved with If-Match on the version they were loaded at. While the user has unsaved
 * changes, changes made by others do not touch the form; a save that finds the record changed (412) offers to load
 * the other version, keeping every field the user changed. */
export function CustomerEditForm({ customer, reload }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<CustomerFormValues>({ defaultValues: toFormValues(customer) });
  const loaded = useRef({ version: customer.version, values: toFormValues(customer) });
  const [conflict, setConflict] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const update = useUpdateCustomer(customer.id);
  const { isDirty } = form.formState;

  useEffect(() => {
    if (customer.version === loaded.current.version) return;
    if (form.formState.isDirty) {
      setChangedElsewhere(true);
      return;
    }
    loaded.current = { version: customer.version, values: toFormValues(customer) };
    form.reset(loaded.current.values);
    setChangedElsewhere(false);
  }, [customer, form]);

  async function save(values: CustomerFormValues) {
    setBanner(null);
    const changes = toUpdate(values, loaded.current.values);
    if (Object.keys(changes).length === 0) {
      form.reset(values);
      return;
    }
    try {
      const saved = await update.mutateAsync({ update: changes, version: loaded.current.version });
      loaded.current = { version: saved.version, values: toFormValues(saved) };
      form.reset(loaded.current.values);
      setChangedElsewhere(false);
      notify(t("customer.saved"));
    } catch (error) {
      const shown = toUserError(error, t, CUSTOMER_FORM_FIELDS);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  async function loadTheirVersion() {
    const fresh = await reload();
    if (!fresh) return;
    const values = toFormValues(fresh);
    // What the user changed stays; every field they did not touch takes the saved value.
    form.reset(values, { keepDirtyValues: true });
    loaded.current = { version: fresh.version, values };
    setConflict(false);
    setBanner(null);
    setChangedElsewhere(false);
  }

  return (
    <FormProvider {...form}>
      <form className="customer-form" onSubmit={form.handleSubmit(save)} noValidate aria-labelledby="details-title">
        <h2 id="details-title">{t("customer.details")}</h2>
        {!editable && <p className="muted">{t("customer.viewOnly")}</p>}
        {conflict ? (
          <div className="notice warning" role="alert">
            <strong>{t("customer.conflictTitle")}</strong>
            <p>{t("customer.conflictBody")}</p>
            <button type="button" className="primary" onClick={() => void loadTheirVersion()}>{t("customer.reload")}</button>
          </div>
        ) : banner ? (
          <p className="notice error" role="alert">{banner}</p>
        ) : changedElsewhere ? (
          <p className="notice" role="status">{t("customer.changedElsewhere")}</p>
        ) : null}
        <CustomerFields mode="edit" editable={editable} assignsOwners={me.assigns_owners} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
            {isDirty && (
              <>
                <button type="button" onClick={() => form.reset(loaded.current.values)}>{t("common.cancel")}</button>
                <span className="muted">{t("customer.unsaved")}</span>
              </>
            )}
          </div>
        )}
      </form>
    </FormProvider>
  );
}
