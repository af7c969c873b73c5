/** An admin's form for a new product: SKU, name, description and one unit price (more prices through the API). */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { SelectField, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useCreateProduct } from "../api";

const FIELDS = ["sku", "name", "description", "prices"] as const;
const CURRENCIES = ["EUR", "USD", "GBP"];

export function NewProductForm() {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateProduct();
  const [values, setValues] = useState({ sku: "", name: "", description: "", price: "", currency: "EUR" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (value: string) => setValues((all) => ({ ...all, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    try {
      const created = await create.mutateAsync({
        sku: values.sku, name: values.name, active: true,
        description: values.description || null,
        prices: values.price ? { [values.currency]: values.price } : {},
      });
      notify(t("products.added", { name: created.name }));
      setValues((all) => ({ ...all, sku: "", name: "", description: "", price: "" }));
    } catch (error) {
      const shown = toUserError(error, t, FIELDS);
      setErrors(shown.fields);
      setBanner(Object.keys(shown.fields).length ? null : shown.message);
    }
  }

  return (
    <form className="filters product-form" onSubmit={(e) => void submit(e)} noValidate
      aria-label={t("products.add")}>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <TextField label={t("products.sku")} value={values.sku} required error={errors.sku}
        onChange={(e) => set("sku")(e.target.value)} />
      <TextField label={t("products.name")} className="grow" value={values.name} required error={errors.name}
        onChange={(e) => set("name")(e.target.value)} />
      <TextField label={t("products.description")} className="grow" value={values.description}
        error={errors.description} onChange={(e) => set("description")(e.target.value)} />
      <TextField label={t("products.price")} inputMode="decimal" value={values.price} error={errors.prices}
        onChange={(e) => set("price")(e.target.value)} />
      <SelectField label={t("products.currency")} value={values.currency}
        options={CURRENCIES.map((c) => ({ value: c, label: c }))} onChange={(e) => set("currency")(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("products.saving") : t("products.save")}
        </button>
      </div>
    </form>
  );
}
