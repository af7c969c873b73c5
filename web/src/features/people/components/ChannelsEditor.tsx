import { useFieldArray, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { errorAt, SelectField, TextField } from "@/components/fields";
import { emptyChannel, type PersonFormValues } from "../logic/personForm";

const TYPES = ["email", "phone", "whatsapp", "other"] as const;

/** A person's typed channels: email, phone, WhatsApp, other; one primary of each type. */
export function ChannelsEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { control, register, formState: { errors } } = useFormContext<PersonFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "contacts" });
  const error = (path: string) => errorAt(errors, path);
  return (
    <fieldset className="group" disabled={!editable}>
      <legend>{t("people.channels")}</legend>
      {error("contacts") && <p className="error-text" role="alert">{error("contacts")}</p>}
      {fields.map((field, index) => (
        <fieldset key={field.id} className="row-group">
          <legend className="visually-hidden">{t("people.channel", { n: index + 1 })}</legend>
          <SelectField label={t("people.channelType")} {...register(`contacts.${index}.type`)}
            error={error(`contacts.${index}.type`)}
            options={TYPES.map((type) => ({ value: type, label: t(`contactType.${type}`) }))} />
          <TextField className="grow" label={t("people.channelValue")} {...register(`contacts.${index}.value`)}
            error={error(`contacts.${index}.value`)} />
          <TextField label={t("people.channelLabel")} {...register(`contacts.${index}.label`)}
            error={error(`contacts.${index}.label`)} />
          <label className="check">
            <input type="checkbox" {...register(`contacts.${index}.primary`)} />
            {t("people.channelPrimary")}
          </label>
          {editable && (
            <button type="button" className="link" onClick={() => remove(index)}
              aria-label={`${t("common.remove")}: ${t("people.channel", { n: index + 1 })}`}>
              {t("common.remove")}
            </button>
          )}
        </fieldset>
      ))}
      {editable && (
        <button type="button" onClick={() => append(emptyChannel(), { focusName: `contacts.${fields.length}.value` })}>
          {t("people.addChannel")}
        </button>
      )}
    </fieldset>
  );
}
