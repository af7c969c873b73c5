import { Controller, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { errorAt, TextArea, TextField } from "@/components/fields";
import { UserPicker } from "@/components/UserPicker";
import type { PartnerFormValues } from "../logic/partnerForm";
import { PlanSelect } from "./PlanSelect";

/** A partner's fields, in the form of a new partner and of an edit alike. */
export function PartnerFields() {
  const { t } = useTranslation();
  const { register, control, formState: { errors } } = useFormContext<PartnerFormValues>();
  return (
    <div className="filters">
      <TextField label={t("partners.name")} className="grow" required error={errorAt(errors, "name")}
        {...register("name")} />
      <TextField label={t("partners.email")} className="grow" type="email" error={errorAt(errors, "email")}
        {...register("email")} />
      <TextField label={t("partners.company")} error={errorAt(errors, "company")} {...register("company")} />
      <PlanSelect error={errorAt(errors, "plan_id")} {...register("plan_id")} />
      <TextField label={t("partners.currency")} maxLength={3} hint={t("partners.currencyHint")}
        error={errorAt(errors, "currency")} {...register("currency")} />
      <Controller control={control} name="owner_id" render={({ field }) => (
        <UserPicker label={t("partners.owner")} value={field.value} onChange={field.onChange} inputRef={field.ref}
          error={errorAt(errors, "owner_id")} hint={t("partners.ownerHint")} />
      )} />
      <TextField label={t("partners.uid")} hint={t("partners.uidHint")} error={errorAt(errors, "uid")}
        {...register("uid")} />
      <TextArea label={t("partners.notes")} className="grow" rows={2} error={errorAt(errors, "notes")}
        {...register("notes")} />
    </div>
  );
}
