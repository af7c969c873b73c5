import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toUserError } from "@/api/errors";
import { showFieldErrors } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useCreatePartner } from "../api";
import { emptyPartner, PARTNER_FORM_FIELDS, toPartnerCreate, type PartnerFormValues } from "../logic/partnerForm";
import { PartnerFields } from "./PartnerFields";

/** A manager's form for a new partner; on success, the partner's page. */
export function NewPartnerForm() {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const create = useCreatePartner();
  const form = useForm<PartnerFormValues>({ defaultValues: emptyPartner() });
  const [banner, setBanner] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setBanner(null);
    try {
      const created = await create.mutateAsync(toPartnerCreate(values));
      notify(t("partners.created", { name: created.name }));
      navigate(`/partners/${created.id}`);
    } catch (error) {
      const shown = toUserError(error, t, PARTNER_FORM_FIELDS);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("partners.add")}>
        {banner && <p className="notice error" role="alert">{banner}</p>}
        <PartnerFields />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? t("common.saving") : t("partners.create")}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
