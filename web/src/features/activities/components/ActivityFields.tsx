import { Controller, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CustomerPicker } from "@/components/CustomerPicker";
import { errorAt, SelectField, TextArea, TextField } from "@/components/fields";
import { UserPicker } from "@/components/UserPicker";
import { useOpenDeals } from "../api";
import type { ActivityFormValues } from "../logic/activityForm";
import { ACTIVITY_PRIORITIES, ACTIVITY_STATUSES, ACTIVITY_TYPES } from "../logic/workFilters";

interface Props {
  mode: "create" | "edit";
  editable: boolean;
  assignsOwners: boolean;
}

/** Every field of an activity: kind, subject, customer and deal, due, priority, status, owner, description. */
export function ActivityFields({ mode, editable, assignsOwners }: Props) {
  const { t } = useTranslation();
  const { register, control, watch, setValue, formState: { errors } } = useFormContext<ActivityFormValues>();
  const error = (path: string) => errorAt(errors, path);
  const customer = watch("customer");
  const dealId = watch("deal_id");
  const deals = useOpenDeals(customer?.id);
  const dealOptions = (deals.data?.results ?? []).map((deal) => ({ value: deal.id, label: deal.title }));
  if (dealId && !dealOptions.some((option) => option.value === dealId)) dealOptions.unshift({ value: dealId, label: dealId });

  return (
    <fieldset className="activity-fields" disabled={!editable}>
      <legend className="visually-hidden">{t("activities.details")}</legend>
      <div className="grid">
        <SelectField label={t("activities.type")} {...register("type")} error={error("type")}
          options={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`activities.types.${type}`) }))} />
        <TextField label={t("activities.subject")} required maxLength={200} autoComplete="off"
          {...register("subject", { validate: (text) => !!text.trim() || t("activities.needSubject") })}
          error={error("subject")} className="wide" />
        <Controller control={control} name="customer" rules={{ required: t("activities.needCustomer") }}
          render={({ field }) => (
          <CustomerPicker label={t("activities.customer")} value={field.value} required disabled={!editable}
            inputRef={field.ref}
            onChange={(picked) => { field.onChange(picked); setValue("deal_id", ""); }} error={error("customer")} />
        )} />
        <SelectField label={t("activities.deal")} {...register("deal_id")} error={error("deal_id")}
          disabled={!editable || !customer} hint={customer ? undefined : t("activities.dealHint")}
          options={[{ value: "", label: t("activities.noDeal") }, ...dealOptions]} />
        <TextField label={t("activities.due")} type="datetime-local" {...register("due_at")} error={error("due_at")} />
        <SelectField label={t("activities.priority")} {...register("priority")} error={error("priority")}
          options={ACTIVITY_PRIORITIES.map((p) => ({ value: p, label: t(`activities.priorities.${p}`) }))} />
        {mode === "edit" && (
          <SelectField label={t("activities.status")} {...register("status")} error={error("status")}
            options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activityStatus.${s}`) }))} />
        )}
        {assignsOwners && (
          <Controller control={control} name="owner_id" render={({ field }) => (
            <UserPicker label={t("activities.owner")} value={field.value} onChange={field.onChange} inputRef={field.ref}
              error={error("owner_id")} disabled={!editable}
              hint={mode === "create" ? t("activities.ownerHint") : undefined} clearable={mode === "create"} />
          )} />
        )}
      </div>
      <TextArea label={t("activities.description")} rows={4} maxLength={5000} {...register("description")}
        error={error("description")} />
    </fieldset>
  );
}
