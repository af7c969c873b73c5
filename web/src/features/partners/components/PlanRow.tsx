import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatMoney } from "@/i18n/format";
import { planSummary } from "../logic/planForm";
import type { CommissionPlan } from "../programmeApi";
import { PlanForm } from "./PlanForm";

/** One commission plan in words, with its edit form on demand. */
export function PlanRow({ plan, currency }: { plan: CommissionPlan; currency: string }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const language = i18n.resolvedLanguage ?? "en";
  const money = (amount: string, code: string) => formatMoney(amount, code, language);
  return (
    <>
      <tr>
        <th scope="row" style={{ whiteSpace: "normal" }}>{plan.name}</th>
        <td style={{ whiteSpace: "normal" }}>{planSummary(plan, money, t)}</td>
        <td>
          <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}
            aria-label={t("partners.plans.editOne", { name: plan.name })}>{t("partners.edit")}</button>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={3} style={{ whiteSpace: "normal" }}>
            <PlanForm plan={plan} currency={currency} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
