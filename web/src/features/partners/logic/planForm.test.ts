import { describe, expect, it } from "vitest";
import type { CommissionPlan } from "../programmeApi";
import { emptyPlan, planSummary, signupAmounts, toPlanCreate, toPlanUpdate, toPlanValues } from "./planForm";

const plan: CommissionPlan = {
  id: "p1", name: "Standard", signup_amounts: { USD: "6.00", EUR: "5.00" }, purchase_percent: "10.00",
  purchase_scope: "recurring", recurring_months: 12, created_at: "", updated_at: "", version: "v1",
};
const money = (amount: string, currency: string) => `${amount} ${currency}`;
const t = (key: string, options?: Record<string, unknown>) => `${key.split(".").pop()}(${JSON.stringify(options ?? {})})`;

describe("signupAmounts", () => {
  it("keeps rows with a currency and an amount, as the API takes amounts", () => {
    expect(signupAmounts([{ currency: "eur", amount: "1.234,50" }, { currency: "USD", amount: "" },
      { currency: "", amount: "3" }])).toEqual({ EUR: "1234.50" });
  });
});

describe("plan form", () => {
  it("makes a first-purchase plan without the months", () => {
    const values = { ...emptyPlan("EUR"), name: " Blogs ", purchase_percent: "7,5", recurring_months: "6" };
    values.signup[0].amount = "5";
    expect(toPlanCreate(values)).toEqual({
      name: "Blogs", signup_amounts: { EUR: "5" }, purchase_percent: "7.5", purchase_scope: "first",
    });
  });

  it("sends only what changed, a cleared percentage as null", () => {
    const loaded = toPlanValues(plan);
    expect(toPlanUpdate(loaded, loaded)).toEqual({});
    const typed = { ...loaded, purchase_percent: "", signup: [...loaded.signup, { currency: "GBP", amount: "4" }] };
    expect(toPlanUpdate(typed, loaded)).toEqual({
      purchase_percent: null, signup_amounts: { USD: "6.00", EUR: "5.00", GBP: "4" },
    });
  });
});

describe("planSummary", () => {
  it("names each sign-up amount and the purchase rule", () => {
    expect(planSummary(plan, money, t)).toBe(
      'perSignup({"amount":"5.00 EUR"}) · perSignup({"amount":"6.00 USD"}) · everyPurchase({"percent":"10","count":12})');
    expect(planSummary({ ...plan, signup_amounts: {}, purchase_percent: null }, money, t)).toBe("nothing({})");
  });
});
