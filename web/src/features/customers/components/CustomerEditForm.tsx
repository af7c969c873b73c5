import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { Customer } from "@/api/types";
import { useAccess } from "@/auth/session";
import { useNotify } from "@/components/Toasts";
import { SaveNotices, useVersionedEdit } from "@/components/VersionedEdit";
import { useUpdateCustomer } from "../api";
import { CUSTOMER_FORM_FIELDS, toFormValues, toUpdate, type CustomerFormValues } from "../logic/formValues";
import { CustomerFields } from "./CustomerFields";

interface Props {
  customer: Customer;
  /** Fetch the record as it is now (after a 412). */
  reload: () => Promise<Customer | undefined>;
}

/** The customer's fields, saved with If-Match on the version they were loaded at (see useVersionedEdit: changes
 * by others, and a 412 that offers to load the other version keeping what the user changed). */
export function CustomerEditForm({ customer, reload }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<CustomerFormValues>({ defaultValues: toFormValues(customer) });
  const edit = useVersionedEdit(form, customer, toFormValues, reload);
  const update = useUpdateCustomer(customer.id);
  const { isDirty } = form.formState;

  async function save(values: CustomerFormValues) {
    edit.clearBanner();
    const changes = toUpdate(values, edit.loaded.values);
    if (Object.keys(changes).length === 0) {
      form.reset(values);
      return;
    }
    try {
      edit.saved(await update.mutateAsync({ update: changes, version: edit.loaded.version }));
      notify(t("customer.saved"));
    } catch (error) {
      edit.failed(error, t, CUSTOMER_FORM_FIELDS);
    }
  }

  return (
    <FormProvider {...form}>
      <form className="customer-form" onSubmit={form.handleSubmit(save)} noValidate aria-labelledby="details-title">
        <h2 id="details-title">{t("customer.details")}</h2>
        {!editable && <p className="muted">{t("customer.viewOnly")}</p>}
        <SaveNotices edit={edit} texts={{
          conflictTitle: t("customer.conflictTitle"), conflictBody: t("customer.conflictBody"),
          reload: t("customer.reload"), changedElsewhere: t("customer.changedElsewhere"),
        }} />
        <CustomerFields mode="edit" editable={editable} assignsOwners={me.assigns_owners} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
            {isDirty && (
              <>
                <button type="button" onClick={() => form.reset(edit.loaded.values)}>{t("common.cancel")}</button>
                <span className="muted">{t("customer.unsaved")}</span>
              </>
            )}
          </div>
        )}
      </form>
    </FormProvider>
  );
}
