/** The order form's values to and from the API's models. */
import type { components } from "@/api/schema";
import { normalizeAmount } from "@/components/amounts";
import type { PickedCustomer } from "@/components/CustomerPicker";

export type Order = components["schemas"]["Order"];
export type OrderCreate = components["schemas"]["OrderCreate"];
export type OrderUpdate = components["schemas"]["OrderUpdate"];
type Address = components["schemas"]["ShippingAddress"];

export const ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"] as const;
type AddressPart = (typeof ADDRESS_PARTS)[number];

export interface OrderFormValues {
  customer: PickedCustomer | null;
  order_number: string;
  total: string;
  currency: string;
  shipping_address: Record<AddressPart, string>;
  notes: string;
  owner_id: string;
}

export const ORDER_FORM_FIELDS = [
  "customer_id", "order_number", "total", "currency", "shipping_address",
  ...ADDRESS_PARTS.map((part) => `shipping_address.${part}`), "notes", "owner_id",
] as const;
/** The API names the customer as customer_id; the form's box for it is "customer". */
export const FORM_FIELD_OF: Record<string, string> = { customer_id: "customer" };

const emptyAddress = (): Record<AddressPart, string> =>
  Object.fromEntries(ADDRESS_PARTS.map((part) => [part, ""])) as Record<AddressPart, string>;

export function emptyOrder(customer: PickedCustomer | null, currency: string): OrderFormValues {
  return { customer, order_number: "", total: "", currency, shipping_address: emptyAddress(), notes: "", owner_id: "" };
}

export function toFormValues(order: Order, customerName: string): OrderFormValues {
  const address = emptyAddress();
  for (const part of ADDRESS_PARTS) address[part] = order.shipping_address?.[part] ?? "";
  return {
    customer: { id: order.customer_id, name: customerName }, order_number: order.order_number, total: order.total,
    currency: order.currency, shipping_address: address, notes: order.notes ?? "", owner_id: order.owner_id,
  };
}

function address(values: Record<AddressPart, string>): Address | null {
  const parts = Object.fromEntries(ADDRESS_PARTS.map((part) => [part, values[part].trim() || null]));
  return Object.values(parts).some(Boolean) ? (parts as Address) : null;
}

export function toCreate(values: OrderFormValues): OrderCreate {
  const body: Record<string, unknown> = {
    customer_id: values.customer?.id ?? "",
    order_number: values.order_number.trim(),
    total: normalizeAmount(values.total),
    currency: values.currency,
    shipping_address: address(values.shipping_address),
    notes: values.notes.trim() || null,
  };
  if (values.owner_id) body.owner_id = values.owner_id;
  return body as OrderCreate;
}

/** Only what changed; the shipping address goes as a whole when any part of it changed. */
export function toUpdate(values: OrderFormValues, loaded: OrderFormValues): OrderUpdate {
  const now = toCreate(values) as Record<string, unknown>;
  const before = toCreate(loaded) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of ["order_number", "total", "currency", "notes", "owner_id"]) {
    if (now[key] !== before[key] && !(key === "total" && Number(now[key]) === Number(before[key]))) changes[key] = now[key];
  }
  if (JSON.stringify(now.shipping_address) !== JSON.stringify(before.shipping_address)) {
    changes.shipping_address = now.shipping_address;
  }
  return changes as OrderUpdate;
}
