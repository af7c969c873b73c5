import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { useNotify } from "@/components/Toasts";
import { SaveNotices, useVersionedEdit } from "@/components/VersionedEdit";
import { useUpdateDeal, type Deal } from "../api";
import { DEAL_FORM_FIELDS, toFormValues, toUpdate, type DealFormValues } from "../logic/dealForm";
import { DealFields } from "./DealFields";

interface Props {
  deal: Deal;
  customerName?: string;
  reload: () => Promise<Deal | undefined>;
}

/** The deal's fields, saved with If-Match as the customer page saves a customer (and the same 412 handling). */
export function DealEditForm({ deal, customerName, reload }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<DealFormValues>({ defaultValues: toFormValues(deal) });
  const edit = useVersionedEdit(form, deal, (record: Deal) => toFormValues(record), reload);
  const update = useUpdateDeal(deal.id);
  const { isDirty } = form.formState;

  async function save(values: DealFormValues) {
    edit.clearBanner();
    const changes = toUpdate(values, edit.loaded.values);
    if (Object.keys(changes).length === 0) {
      form.reset(values);
      return;
    }
    try {
      edit.saved(await update.mutateAsync({ update: changes, version: edit.loaded.version }));
      notify(t("deals.page.saved"));
    } catch (error) {
      edit.failed(error, t, DEAL_FORM_FIELDS);
    }
  }

  return (
    <FormProvider {...form}>
      <form className="panel deal-form" onSubmit={form.handleSubmit(save)} noValidate aria-labelledby="deal-details">
        <h2 id="deal-details">{t("deals.form.details")}</h2>
        {!editable && <p className="muted">{t("deals.page.viewOnly")}</p>}
        <SaveNotices edit={edit} texts={{
          conflictTitle: t("deals.page.conflictTitle"), conflictBody: t("deals.page.conflictBody"),
          reload: t("deals.page.reload"), changedElsewhere: t("deals.page.changedElsewhere"),
        }} />
        <DealFields mode="edit" editable={editable} assignsOwners={me.assigns_owners} closed={deal.status !== "open"}
          customerName={customerName} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
            {isDirty && (
              <>
                <button type="button" onClick={() => form.reset(edit.loaded.values)}>{t("common.cancel")}</button>
                <span className="muted">{t("deals.page.unsaved")}</span>
              </>
            )}
          </div>
        )}
      </form>
    </FormProvider>
  );
}
