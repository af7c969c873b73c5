import { Controller, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CUSTOMER_SOURCES, CUSTOMER_STATUSES } from "@/api/types";
import { errorAt, SelectField, TextField } from "@/components/fields";
import { TagsField } from "@/components/TagsField";
import { UserPicker } from "@/components/UserPicker";
import { sortByText } from "@/i18n/format";
import type { CustomerFormValues } from "../logic/formValues";
import { LEAD_PRIORITIES, LEAD_RATINGS } from "../logic/listFilters";
import { ContactsEditor } from "./ContactsEditor";
import { OwnedItemsEditor } from "./OwnedItemsEditor";

const LANGUAGE_CODES = ["el", "en", "de", "fr", "it", "es", "pt", "nl", "bg", "ro", "tr", "ru", "ar", "zh"];

function languageOptions(uiLanguage: string, current: string) {
  const names = new Intl.DisplayNames([uiLanguage], { type: "language" });
  const codes = current && !LANGUAGE_CODES.includes(current) ? [current, ...LANGUAGE_CODES] : LANGUAGE_CODES;
  const options = codes.map((code) => ({ value: code, label: names.of(code) ?? code }));
  return sortByText(options, (option) => option.label, uiLanguage);
}

interface Props {
  mode: "create" | "edit";
  editable: boolean;
  assignsOwners: boolean;
}

/** Every field of a customer, for the create form and the customer page alike. */
export function CustomerFields({ mode, editable, assignsOwners }: Props) {
  const { t, i18n } = useTranslation();
  const { register, control, watch, formState: { errors } } = useFormContext<CustomerFormValues>();
  const error = (path: string) => errorAt(errors, path);
  const uiLanguage = i18n.resolvedLanguage ?? "en";
  const language = watch("language");

  return (
    <fieldset className="customer-fields" disabled={!editable}>
      <legend className="visually-hidden">{t("customer.details")}</legend>
      <div className="grid">
        <TextField label={t("customer.name")} required {...register("name")} error={error("name")} autoComplete="off" />
        <TextField label={t("customer.organization")} {...register("organization")} error={error("organization")} />
        {mode === "create" && (
          <>
            <TextField label={t("customer.email")} type="email" {...register("email")} error={error("email")} />
            <TextField label={t("customer.phone")} type="tel" {...register("phone")} error={error("phone")} />
          </>
        )}
        <SelectField label={t("customer.status")} {...register("status")} error={error("status")}
          options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <SelectField label={t("customer.source")} {...register("source")} error={error("source")}
          options={[{ value: "", label: t("common.none") },
            ...CUSTOMER_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))]} />
        <SelectField label={t("customer.priority")} {...register("priority")} error={error("priority")}
          options={[{ value: "", label: t("common.none") },
            ...LEAD_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))]} />
        <SelectField label={t("customer.rating")} {...register("rating")} error={error("rating")}
          options={[{ value: "", label: t("common.none") },
            ...LEAD_RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) }))]} />
        <TextField label={t("customer.score")} type="number" min={0} max={100} inputMode="numeric"
          hint={t("customer.scoreHint")} {...register("score")} error={error("score")} />
        <SelectField label={t("customer.language")} {...register("language")} error={error("language")}
          options={[...(mode === "create" ? [{ value: "", label: "—" }] : []), ...languageOptions(uiLanguage, language)]} />
        {assignsOwners && (
          <Controller control={control} name="owner_id" render={({ field }) => (
            <UserPicker label={t("customer.owner")} value={field.value} onChange={field.onChange} inputRef={field.ref}
              error={error("owner_id")} disabled={!editable} clearable={mode === "create"} />
          )} />
        )}
        <TagsField label={t("customer.tags")} hint={t("customer.tagsHint")} {...register("tags")} error={error("tags")} />
        <TextField label={t("customer.folder")} {...register("nextcloud_folder")} error={error("nextcloud_folder")} />
        <TextField label={t("customer.linkedUsers")} hint={t("customer.linkedUsersHint")}
          {...register("linked_user_ids")} error={error("linked_user_ids")} />
      </div>
      <fieldset className="group">
        <legend>{t("customer.location")}</legend>
        {error("location") && <p className="error-text">{error("location")}</p>}
        <div className="grid">
          <TextField label={t("customer.city")} {...register("location.city")} error={error("location.city")} />
          <TextField label={t("customer.region")} {...register("location.region")} error={error("location.region")} />
          <TextField label={t("customer.country")} {...register("location.country")} error={error("location.country")} />
        </div>
      </fieldset>
      {mode === "edit" && <ContactsEditor editable={editable} />}
      <OwnedItemsEditor editable={editable} />
    </fieldset>
  );
}
