import { useTranslation } from "react-i18next";
import { TextField } from "@/components/fields";
import type { SignupRow } from "../logic/planForm";

/** A plan's fixed amounts per sign-up, a row per currency. */
export function SignupAmounts({ rows, error, onChange }:
  { rows: SignupRow[]; error?: string; onChange: (rows: SignupRow[]) => void }) {
  const { t } = useTranslation();
  const set = (index: number, change: Partial<SignupRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="plan-signup-rows">
      <legend>{t("partners.plans.signup")}</legend>
      {rows.map((row, index) => (
        <div className="plan-signup" key={index}>
          <TextField label={t("partners.currency")} maxLength={3} value={row.currency}
            onChange={(e) => set(index, { currency: e.target.value })} />
          <TextField label={t("partners.plans.amount")} inputMode="decimal" value={row.amount}
            onChange={(e) => set(index, { amount: e.target.value })} />
          <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))}
            aria-label={t("partners.plans.removeCurrency", { currency: row.currency || "?" })}>
            {t("common.remove")}
          </button>
        </div>
      ))}
      {error && <p className="error-text" role="alert">{error}</p>}
      <button type="button" onClick={() => onChange([...rows, { currency: "", amount: "" }])}>
        {t("partners.plans.addCurrency")}
      </button>
    </fieldset>
  );
}
