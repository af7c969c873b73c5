import { useFieldArray, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CONTACT_TYPES } from "@/api/types";
import { errorAt, SelectField, TextField } from "@/components/fields";
import { emptyContact, type CustomerFormValues } from "../logic/formValues";

export function ContactsEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { control, register, formState: { errors } } = useFormContext<CustomerFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "contacts" });
  const error = (path: string) => errorAt(errors, path);
  return (
    <fieldset className="group">
      <legend>{t("customer.contacts")}</legend>
      {error("contacts") && <p className="error-text" role="alert">{error("contacts")}</p>}
      {fields.map((field, index) => (
        <fieldset key={field.id} className="row-group">
          <legend className="visually-hidden">{t("customer.contact", { n: index + 1 })}</legend>
          <SelectField label={t("customer.contactType")} {...register(`contacts.${index}.type`)}
            error={error(`contacts.${index}.type`)}
            options={CONTACT_TYPES.map((type) => ({ value: type, label: t(`contactType.${type}`) }))} />
          <TextField className="grow" label={t("customer.contactValue")} {...register(`contacts.${index}.value`)}
            error={error(`contacts.${index}.value`)} />
          <TextField label={t("customer.contactLabel")} {...register(`contacts.${index}.label`)}
            error={error(`contacts.${index}.label`)} />
          <label className="check">
            <input type="checkbox" {...register(`contacts.${index}.primary`)} />
            {t("customer.primary")}
          </label>
          {editable && (
            <button type="button" className="link" onClick={() => remove(index)}
              aria-label={`${t("common.remove")}: ${t("customer.contact", { n: index + 1 })}`}>
              {t("common.remove")}
            </button>
          )}
        </fieldset>
      ))}
      {editable && (
        <button type="button" onClick={() => append(emptyContact(), { focusName: `contacts.${fields.length}.value` })}>
          {t("customer.addContact")}
        </button>
      )}
    </fieldset>
  );
}
