import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { errorAt, SelectField, TextField } from "@/components/fields";
import { emptyItem, type CustomerFormValues, type ItemKind } from "../logic/formValues";

const KINDS: ItemKind[] = ["console_device", "product", "freetext"];

/** The three kinds of owned item, each with its own fields. */
export function OwnedItemsEditor({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { control, register, formState: { errors } } = useFormContext<CustomerFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "owned_items" });
  const kinds = useWatch({ control, name: "owned_items" }) ?? [];
  const error = (path: string) => errorAt(errors, path);

  return (
    <fieldset className="group">
      <legend>{t("customer.ownedItems")}</legend>
      {error("owned_items") && <p className="error-text" role="alert">{error("owned_items")}</p>}
      {fields.map((field, index) => {
        const kind = kinds[index]?.type ?? field.type;
        const name = (key: string) => `owned_items.${index}.${key}` as const;
        const text = (key: "device_id" | "label" | "serial_number" | "product_id" | "product_name" | "quantity"
          | "serial_numbers" | "description" | "notes", label: string, extra: object = {}) => (
          <TextField key={key} label={label} {...register(name(key) as `owned_items.${number}.notes`)}
            error={error(name(key))} {...extra} />
        );
        return (
          <fieldset key={field.id} className="row-group item">
            <legend>{t("customer.item", { n: index + 1 })}</legend>
            <SelectField label={t("customer.itemType")} {...register(`owned_items.${index}.type`)}
              options={KINDS.map((k) => ({ value: k, label: t(`itemType.${k}`) }))} />
            {kind === "console_device" && [
              text("device_id", t("customer.deviceId")),
              text("label", t("customer.itemLabel")),
              text("serial_number", t("customer.serialNumber")),
            ]}
            {kind === "product" && [
              text("product_id", t("customer.productId")),
              text("product_name", t("customer.productName")),
              text("quantity", t("customer.quantity"), { inputMode: "numeric" }),
              text("serial_numbers", t("customer.serialNumbers"), { hint: t("customer.serialNumbersHint") }),
            ]}
            {kind === "freetext" && [
              text("description", t("customer.description")),
              text("serial_number", t("customer.serialNumber")),
            ]}
            {text("notes", t("customer.itemNotes"))}
            {editable && (
              <button type="button" className="link" onClick={() => remove(index)}
                aria-label={`${t("common.remove")}: ${t("customer.item", { n: index + 1 })}`}>
                {t("common.remove")}
              </button>
            )}
          </fieldset>
        );
      })}
      {editable && (
        <button type="button" onClick={() => append(emptyItem("console_device"))}>{t("customer.addItem")}</button>
      )}
    </fieldset>
  );
}
