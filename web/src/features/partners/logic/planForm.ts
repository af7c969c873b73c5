/** The commission plan form: a fixed amount per sign-up in any number of currencies, and a percentage of the first
 * purchase or of every purchase for some months. */
import { normalizeAmount } from "@/components/amounts";
import type { CommissionPlan, PlanCreate, PlanUpdate } from "../programmeApi";

export interface SignupRow {
  currency: string;
  amount: string;
}

export interface PlanFormValues {
  name: string;
  signup: SignupRow[];
  purchase_percent: string;
  purchase_scope: "first" | "recurring";
  recurring_months: string;
}

export const PLAN_FORM_FIELDS = ["name", "signup_amounts", "purchase_percent", "purchase_scope", "recurring_months"];

export function emptyPlan(currency: string): PlanFormValues {
  return { name: "", signup: [{ currency, amount: "" }], purchase_percent: "", purchase_scope: "first",
    recurring_months: "" };
}

export function toPlanValues(plan: CommissionPlan): PlanFormValues {
  const signup = Object.entries(plan.signup_amounts ?? {}).map(([currency, amount]) => ({ currency, amount }));
  return {
    name: plan.name, signup, purchase_percent: plan.purchase_percent ?? "", purchase_scope: plan.purchase_scope,
    recurring_months: plan.recurring_months === null ? "" : String(plan.recurring_months),
  };
}

/** The sign-up amounts by currency, rows without an amount left out (the last of a repeated currency wins). */
export function signupAmounts(rows: readonly SignupRow[]): Record<string, string> {
  const amounts: Record<string, string> = {};
  for (const row of rows) {
    const currency = row.currency.trim().toUpperCase();
    const amount = normalizeAmount(row.amount.trim());
    if (currency && amount) amounts[currency] = amount;
  }
  return amounts;
}

function body(values: PlanFormValues) {
  const months = values.recurring_months.trim();
  const percent = normalizeAmount(values.purchase_percent.trim());
  return {
    name: values.name.trim(),
    signup_amounts: signupAmounts(values.signup),
    purchase_percent: percent || null,
    purchase_scope: values.purchase_scope,
    recurring_months: values.purchase_scope === "recurring" && months ? Number(months) : null,
  };
}

export function toPlanCreate(values: PlanFormValues): PlanCreate {
  const all = body(values);
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== null)) as PlanCreate;
}

/** Only what changed; a cleared percentage or number of months is sent as null. */
export function toPlanUpdate(values: PlanFormValues, loaded: PlanFormValues): Partial<PlanUpdate> {
  const now = body(values);
  const before = body(loaded);
  const changes = Object.fromEntries(Object.entries(now).filter(([field, value]) =>
    JSON.stringify(value) !== JSON.stringify(before[field as keyof typeof before])));
  return changes as Partial<PlanUpdate>;
}

export type Money = (amount: string, currency: string) => string;
export type Words = (key: string, options?: Record<string, unknown>) => string;

/** A plan in a few words: "€5.00 per sign-up · 10% of the first purchase". */
export function planSummary(plan: CommissionPlan, money: Money, t: Words): string {
  const parts = Object.entries(plan.signup_amounts ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => t("partners.plans.perSignup", { amount: money(amount, currency) }));
  if (plan.purchase_percent) {
    const percent = String(Number(plan.purchase_percent));
    parts.push(plan.purchase_scope === "recurring"
      ? t("partners.plans.everyPurchase", { percent, count: plan.recurring_months ?? 0 })
      : t("partners.plans.firstPurchase", { percent }));
  }
  return parts.length ? parts.join(" · ") : t("partners.plans.nothing");
}
