import { describe, expect, it } from "vitest";
import type { Customer } from "../api";
import { toAccountUpdate, toAccountValues } from "./accountForm";

const customer = {
  id: "c1", name: "Acme", kind: "person", website: null, industry: null, size_band: null, annual_revenue: null,
  billing_address: null, shipping_address: null, tax_id: null, parent_id: null,
} as unknown as Customer;

describe("account form", () => {
  it("switches kind and sends only what changed", () => {
    const loaded = toAccountValues(customer);
    expect(toAccountUpdate({ ...loaded, kind: "organization", website: " acme.gr " }, loaded))
      .toEqual({ kind: "organization", website: "acme.gr" });
  });

  it("sends revenue as money and an address as a whole, or null when emptied", () => {
    const loaded = toAccountValues(customer);
    const update = toAccountUpdate({ ...loaded, revenue_amount: "1000", billing: { ...loaded.billing, city: "Athens" } },
      loaded);
    expect(update.annual_revenue).toEqual({ amount: "1000", currency: "EUR" });
    expect(update.billing_address).toEqual({ line1: null, line2: null, city: "Athens", postal_code: null,
      region: null, country: null });
    const filled = { ...loaded, parent_id: "p1" };
    expect(toAccountUpdate({ ...filled, parent_id: "" }, filled)).toEqual({ parent_id: null });
  });
});
