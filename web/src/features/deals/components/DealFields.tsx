import { Controller, useFieldArray, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { errorAt, SelectField, TextArea, TextField } from "@/components/fields";
import { TagsField } from "@/components/TagsField";
import { UserPicker } from "@/components/UserPicker";
import { formatMoney } from "@/i18n/format";
import type { Pipeline } from "../api";
import { emptyLineItem, lineItemsTotal, type DealFormValues } from "../logic/dealForm";
import { lineTotalCents, amountOf } from "../logic/money";
import { CustomerPicker } from "./CustomerPicker";

interface Props {
  mode: "create" | "edit";
  editable: boolean;
  assignsOwners: boolean;
  /** A won or lost deal keeps its stage's probability. */
  closed?: boolean;
  pipelines?: Pipeline[];
  customerName?: string;
}

/** Every field of a deal, for the create form and the deal page alike: line items (their sum is the value),
 * currency, probability, expected close, tags, owner (managers and admins), notes. */
export function DealFields({ mode, editable, assignsOwners, closed, pipelines = [], customerName }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const { register, watch, control, formState: { errors } } = useFormContext<DealFormValues>();
  const items = useFieldArray({ control, name: "line_items" });
  const error = (path: string) => errorAt(errors, path);
  const lineItems = watch("line_items");
  const currency = watch("currency") || "EUR";
  const pipelineId = watch("pipeline_id");
  const total = lineItemsTotal(lineItems);
  const stages = pipelines.find((p) => p.id === pipelineId)?.stages ?? pipelines.find((p) => p.is_default)?.stages ?? [];

  return (
    <fieldset className="deal-fields" disabled={!editable}>
      <legend className="visually-hidden">{t("deals.form.details")}</legend>
      <div className="grid">
        <TextField label={t("deals.form.title")} required {...register("title")} error={error("title")}
          autoComplete="off" />
        {mode === "create" ? <CustomerPicker error={error("customer_id")} /> : (
          <TextField label={t("deals.form.customer")} value={customerName ?? ""} readOnly disabled />
        )}
        {mode === "create" && (
          <>
            <SelectField label={t("deals.form.pipeline")} {...register("pipeline_id")} error={error("pipeline_id")}
              options={[{ value: "", label: t("deals.form.defaultPipeline") },
                ...pipelines.map((p) => ({ value: p.id, label: p.name }))]} />
            <SelectField label={t("deals.form.stage")} {...register("stage")} error={error("stage")}
              options={[{ value: "", label: t("deals.form.firstStage") },
                ...stages.filter((s) => s.kind === "open").map((s) => ({ value: s.id, label: s.name }))]} />
          </>
        )}
        {lineItems.length === 0 ? (
          <TextField label={t("deals.form.value")} inputMode="decimal" {...register("value")} error={error("value")}
            hint={t("deals.form.valueHint")} />
        ) : (
          <TextField label={t("deals.form.value")} value={total === null ? "" : formatMoney(total, currency, language)}
            readOnly hint={t("deals.form.valueFromItems")} error={error("value")} />
        )}
        <TextField label={t("deals.form.currency")} {...register("currency")} error={error("currency")} maxLength={3}
          autoComplete="off" hint={mode === "create" ? t("deals.form.currencyHint") : undefined}
          style={{ textTransform: "uppercase" }} />
        <TextField label={t("deals.form.probability")} type="number" min={0} max={100} {...register("probability")}
          error={error("probability")} disabled={closed}
          hint={closed ? t("deals.form.probabilityClosed") : mode === "create" ? t("deals.form.probabilityHint") : undefined} />
        <TextField label={t("deals.form.expectedClose")} type="date" {...register("expected_close_date")}
          error={error("expected_close_date")} />
        <TagsField label={t("deals.form.tags")} hint={t("deals.form.tagsHint")} {...register("tags")}
          error={error("tags")} />
        {assignsOwners && (
          <Controller control={control} name="owner_id" render={({ field }) => (
            <UserPicker label={t("deals.form.owner")} value={field.value} onChange={field.onChange} inputRef={field.ref}
              error={error("owner_id")} disabled={!editable} clearable={mode === "create"} />
          )} />
        )}
      </div>
      <TextArea label={t("deals.form.notes")} rows={4} {...register("notes")} error={error("notes")} />
      <fieldset className="group">
        <legend>{t("deals.form.lineItems")}</legend>
        {error("line_items") && <p className="error-text">{error("line_items")}</p>}
        {items.fields.length === 0 && <p className="muted">{t("deals.form.noLineItems")}</p>}
        {items.fields.map((field, index) => {
          const line = lineTotalCents(lineItems[index]?.quantity ?? "", lineItems[index]?.unit_price ?? "");
          return (
            <fieldset key={field.id} className="row-group item line-item">
              <legend>{t("deals.form.lineItem", { n: index + 1 })}</legend>
              <TextField className="grow" label={t("deals.form.itemName")} {...register(`line_items.${index}.name`)}
                error={error(`line_items.${index}.name`)} />
              <TextField label={t("deals.form.productId")} {...register(`line_items.${index}.product_id`)}
                error={error(`line_items.${index}.product_id`)} />
              <TextField label={t("deals.form.quantity")} inputMode="decimal"
                {...register(`line_items.${index}.quantity`)} error={error(`line_items.${index}.quantity`)} />
              <TextField label={t("deals.form.unitPrice")} inputMode="decimal"
                {...register(`line_items.${index}.unit_price`)} error={error(`line_items.${index}.unit_price`)} />
              <p className="line-total" aria-live="polite">
                <span className="muted">{t("deals.form.lineTotal")}</span>{" "}
                {line === null ? "—" : formatMoney(amountOf(line), currency, language)}
              </p>
              {editable && (
                <button type="button" className="link" onClick={() => items.remove(index)}
                  aria-label={t("deals.form.removeItem", { n: index + 1 })}>{t("common.remove")}</button>
              )}
            </fieldset>
          );
        })}
        {editable && (
          <button type="button" onClick={() => items.append(emptyLineItem())}>{t("deals.form.addItem")}</button>
        )}
      </fieldset>
    </fieldset>
  );
}
