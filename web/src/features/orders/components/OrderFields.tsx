import { Controller, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { CustomerPicker } from "@/components/CustomerPicker";
import { errorAt, SelectField, TextArea, TextField } from "@/components/fields";
import { UserPicker } from "@/components/UserPicker";
import { useCurrencies } from "../api";
import { ADDRESS_PARTS, type OrderFormValues } from "../logic/orderForm";

interface Props {
  mode: "create" | "edit";
  editable: boolean;
  /** Total and currency change only while the order allows it (the API says: money_editable). */
  moneyEditable: boolean;
  assignsOwners: boolean;
}

/** Every field of an order: customer (on create), number, total and currency, shipping address, notes, owner. */
export function OrderFields({ mode, editable, moneyEditable, assignsOwners }: Props) {
  const { t } = useTranslation();
  const { register, control, watch, formState: { errors } } = useFormContext<OrderFormValues>();
  const error = (path: string) => errorAt(errors, path);
  const currencies = useCurrencies();
  const current = watch("currency");
  const codes = currencies.data?.all ?? [current];
  const currencyOptions = (codes.includes(current) ? codes : [current, ...codes]).map((code) => ({ value: code, label: code }));
  const moneyHint = moneyEditable ? undefined : t("orders.moneyLocked");

  return (
    <fieldset className="order-fields" disabled={!editable}>
      <legend className="visually-hidden">{t("orders.details")}</legend>
      <div className="grid">
        {mode === "create" && (
          <Controller control={control} name="customer" render={({ field }) => (
            <CustomerPicker label={t("orders.customer")} value={field.value} onChange={field.onChange} required
              inputRef={field.ref} error={error("customer")} />
          )} />
        )}
        <TextField label={t("orders.number")} required maxLength={64} autoComplete="off" {...register("order_number")}
          error={error("order_number")} hint={mode === "create" ? t("orders.numberHint") : undefined} />
        <TextField label={t("orders.total")} required inputMode="decimal" autoComplete="off" {...register("total")}
          error={error("total")} disabled={!moneyEditable} hint={moneyHint} />
        <SelectField label={t("orders.currency")} {...register("currency")} error={error("currency")}
          disabled={!moneyEditable} options={currencyOptions} />
        {assignsOwners && (
          <Controller control={control} name="owner_id" render={({ field }) => (
            <UserPicker label={t("orders.owner")} value={field.value} onChange={field.onChange} inputRef={field.ref}
              error={error("owner_id")} disabled={!editable} clearable={mode === "create"}
              hint={mode === "create" ? t("orders.ownerHint") : undefined} />
          )} />
        )}
      </div>
      <fieldset className="group">
        <legend>{t("orders.shippingAddress")}</legend>
        {error("shipping_address") && <p className="error-text">{error("shipping_address")}</p>}
        <div className="grid">
          {ADDRESS_PARTS.map((part) => (
            <TextField key={part} label={t(`orders.address.${part}`)} {...register(`shipping_address.${part}`)}
              error={error(`shipping_address.${part}`)} autoComplete="off" />
          ))}
        </div>
      </fieldset>
      <TextArea label={t("orders.notes")} rows={3} maxLength={5000} {...register("notes")} error={error("notes")} />
    </fieldset>
  );
}
