/** The account form's values to and from the customer's account fields. */
import type { Address, Customer, CustomerUpdate, SizeBand } from "../api";

export const SIZE_BANDS: SizeBand[] = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"];
const ADDRESS_KEYS = ["line1", "line2", "city", "postal_code", "region", "country"] as const;
type AddressValues = Record<(typeof ADDRESS_KEYS)[number], string>;

export interface AccountValues {
  kind: "person" | "organization";
  website: string;
  industry: string;
  size_band: SizeBand | "";
  revenue_amount: string;
  revenue_currency: string;
  billing: AddressValues;
  shipping: AddressValues;
  tax_id: string;
  parent_id: string;
}

export const ACCOUNT_FORM_FIELDS = [
  "kind", "website", "industry", "size_band", "annual_revenue", "annual_revenue.amount", "annual_revenue.currency",
  "billing_address", ...ADDRESS_KEYS.map((k) => `billing_address.${k}`), "shipping_address",
  ...ADDRESS_KEYS.map((k) => `shipping_address.${k}`), "tax_id", "parent_id",
] as const;

const text = (value: string | null | undefined) => value ?? "";

function addressValues(address: Address | null | undefined): AddressValues {
  return Object.fromEntries(ADDRESS_KEYS.map((k) => [k, text(address?.[k])])) as AddressValues;
}

function toAddress(values: AddressValues): Address | null {
  const entries = ADDRESS_KEYS.map((k) => [k, values[k].trim() || null] as const);
  return entries.some(([, v]) => v !== null) ? Object.fromEntries(entries) as Address : null;
}

export function toAccountValues(customer: Customer): AccountValues {
  return {
    kind: customer.kind,
    website: text(customer.website),
    industry: text(customer.industry),
    size_band: customer.size_band ?? "",
    revenue_amount: text(customer.annual_revenue?.amount),
    revenue_currency: customer.annual_revenue?.currency ?? "EUR",
    billing: addressValues(customer.billing_address),
    shipping: addressValues(customer.shipping_address),
    tax_id: text(customer.tax_id),
    parent_id: text(customer.parent_id),
  };
}

/** The fields that changed since ``loaded``, as a PATCH body; an emptied field is sent as null. */
export function toAccountUpdate(values: AccountValues, loaded: AccountValues): CustomerUpdate {
  const update: Partial<CustomerUpdate> = {};
  if (values.kind !== loaded.kind) update.kind = values.kind;
  for (const key of ["website", "industry", "tax_id", "parent_id"] as const) {
    if (values[key].trim() !== loaded[key].trim()) update[key] = values[key].trim() || null;
  }
  if (values.size_band !== loaded.size_band) update.size_band = values.size_band || null;
  if (values.revenue_amount.trim() !== loaded.revenue_amount.trim()
      || values.revenue_currency.trim() !== loaded.revenue_currency.trim()) {
    update.annual_revenue = values.revenue_amount.trim()
      ? { amount: values.revenue_amount.trim(), currency: values.revenue_currency.trim() || "EUR" }
      : null;
  }
  for (const [key, field] of [["billing", "billing_address"], ["shipping", "shipping_address"]] as const) {
    if (JSON.stringify(values[key]) !== JSON.stringify(loaded[key])) update[field] = toAddress(values[key]);
  }
  return update as CustomerUpdate;
}
