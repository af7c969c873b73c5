import { FormProvider } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNotify } from "@/components/Toasts";
import { SaveProblem, useRecordForm } from "@/components/useRecordForm";
import { useUpdatePartner, type Partner } from "../api";
import { PARTNER_FORM_FIELDS, toPartnerUpdate, toPartnerValues } from "../logic/partnerForm";
import { PartnerFields } from "./PartnerFields";

/** A partner's fields, saved with If-Match; a 412 offers the other version, keeping what was typed. */
export function EditPartnerForm({ partner, reload }: { partner: Partner; reload: () => Promise<Partner | undefined> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdatePartner(partner.id);
  const { form, submit, banner, conflict, loadTheirVersion } = useRecordForm({
    record: partner,
    toValues: toPartnerValues,
    toUpdate: toPartnerUpdate,
    save: (changes, version) => update.mutateAsync({ update: changes, version }),
    reload,
    fields: PARTNER_FORM_FIELDS,
    onSaved: () => notify(t("partners.saved")),
  });
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={t("partners.edit")}>
        <SaveProblem banner={banner} conflict={conflict} conflictText={t("errors.conflict")}
          reloadText={t("partners.reload")} onReload={() => void loadTheirVersion()} />
        <PartnerFields />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={update.isPending || !form.formState.isDirty}>
            {update.isPending ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
