import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { SelectField, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import {
  emptyPlan, PLAN_FORM_FIELDS, toPlanCreate, toPlanUpdate, toPlanValues, type PlanFormValues,
} from "../logic/planForm";
import { useSavePlan, type CommissionPlan } from "../programmeApi";
import { SignupAmounts } from "./SignupAmounts";

/** A new commission plan, or a plan's changes (with If-Match; they apply to conversions from now on). */
export function PlanForm({ plan, currency, onDone }: { plan?: CommissionPlan; currency: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSavePlan();
  // The version and values the form opened with: a change saved meanwhile by someone else is a 412, not overwritten.
  const [loaded] = useState(() => ({ version: plan?.version, values: plan ? toPlanValues(plan) : emptyPlan(currency) }));
  const [values, setValues] = useState<PlanFormValues>(loaded.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = <K extends keyof PlanFormValues>(field: K, value: PlanFormValues[K]) =>
    setValues((all) => ({ ...all, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    const body = plan ? toPlanUpdate(values, loaded.values) : toPlanCreate(values);
    if (plan && Object.keys(body).length === 0) return onDone?.();
    try {
      const saved = await save.mutateAsync({ id: plan?.id, version: loaded.version, body });
      notify(t(plan ? "partners.plans.saved" : "partners.plans.created", { name: saved.name }));
      if (!plan) setValues(emptyPlan(currency));
      onDone?.();
    } catch (error) {
      const shown = toUserError(error, t, PLAN_FORM_FIELDS);
      setErrors(shown.fields);
      setBanner(shown.conflict ? t("partners.plans.changed") : shown.message);
    }
  }

  const label = plan ? t("partners.plans.editOne", { name: plan.name }) : t("partners.plans.add");
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <div className="filters">
        <TextField label={t("partners.plans.name")} className="grow" required value={values.name} error={errors.name}
          onChange={(e) => set("name", e.target.value)} />
      </div>
      <SignupAmounts rows={values.signup} error={errors.signup_amounts} onChange={(rows) => set("signup", rows)} />
      <div className="filters">
        <TextField label={t("partners.plans.percent")} inputMode="decimal" value={values.purchase_percent}
          hint={t("partners.plans.percentHint")} error={errors.purchase_percent}
          onChange={(e) => set("purchase_percent", e.target.value)} />
        <SelectField label={t("partners.plans.scope")} value={values.purchase_scope} error={errors.purchase_scope}
          onChange={(e) => set("purchase_scope", e.target.value as PlanFormValues["purchase_scope"])}
          options={[{ value: "first", label: t("partners.plans.scopes.first") },
            { value: "recurring", label: t("partners.plans.scopes.recurring") }]} />
        {values.purchase_scope === "recurring" && (
          <TextField label={t("partners.plans.months")} inputMode="numeric" value={values.recurring_months}
            error={errors.recurring_months} onChange={(e) => set("recurring_months", e.target.value)} />
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : plan ? t("common.save") : t("partners.plans.create")}
        </button>
        {onDone && plan && <button type="button" onClick={onDone}>{t("common.cancel")}</button>}
      </div>
    </form>
  );
}
