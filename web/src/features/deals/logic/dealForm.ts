/** The deal form's values (every text an input holds) to and from the API's models. */
import { tagList } from "@/components/tags";
import type { Deal, DealCreate, DealUpdate } from "../api";
import { amountOf, centsOf, lineTotalCents } from "./money";

export interface LineItemValues {
  product_id: string;
  name: string;
  quantity: string;
  unit_price: string;
}

export interface DealFormValues {
  title: string;
  customer_id: string;
  pipeline_id: string;
  stage: string;
  value: string;
  currency: string;
  probability: string;
  expected_close_date: string;
  owner_id: string;
  notes: string;
  /** Separated by commas, as typed. */
  tags: string;
  line_items: LineItemValues[];
}

/** Form field paths, as the API names them in `details[].field`. */
export const DEAL_FORM_FIELDS = [
  "title", "customer_id", "pipeline_id", "stage", "value", "currency", "probability", "expected_close_date",
  "owner_id", "notes", "tags", "line_items", "line_items.*.product_id", "line_items.*.name", "line_items.*.quantity",
  "line_items.*.unit_price", "lost_reason",
] as const;

export function emptyLineItem(): LineItemValues {
  return { product_id: "", name: "", quantity: "1", unit_price: "" };
}

export function toFormValues(deal?: Deal, defaults: Partial<DealFormValues> = {}): DealFormValues {
  return {
    title: deal?.title ?? "",
    customer_id: deal?.customer_id ?? "",
    pipeline_id: deal?.pipeline_id ?? "",
    stage: deal?.stage ?? "",
    value: deal?.value ?? "",
    currency: deal?.currency ?? "",
    probability: deal ? String(deal.probability) : "",
    expected_close_date: deal?.expected_close_date ?? "",
    owner_id: deal?.owner_id ?? "",
    notes: deal?.notes ?? "",
    tags: (deal?.tags ?? []).join(", "),
    line_items: (deal?.line_items ?? []).map((item) => ({
      product_id: item.product_id ?? "", name: item.name, quantity: String(item.quantity),
      unit_price: String(item.unit_price),
    })),
    ...defaults,
  };
}

/** The sum of the line items, or null while one of them is not a number yet. */
export function lineItemsTotal(items: LineItemValues[]): string | null {
  let cents = 0;
  for (const item of items) {
    const line = lineTotalCents(item.quantity, item.unit_price);
    if (line === null) return null;
    cents += line;
  }
  return amountOf(cents);
}

function lineItems(items: LineItemValues[]) {
  return items.map((item) => ({
    product_id: item.product_id.trim() || null, name: item.name, quantity: item.quantity.trim(),
    unit_price: item.unit_price.trim(),
  }));
}

/** A new deal: empty fields are left out, so the API's defaults apply (default pipeline, first stage, the stage's
 * probability, the base currency, the caller as owner); with line items the value is theirs. */
export function toCreate(values: DealFormValues): DealCreate {
  const body: Record<string, unknown> = { title: values.title, customer_id: values.customer_id };
  const optional = ["pipeline_id", "stage", "currency", "expected_close_date", "owner_id", "notes"] as const;
  for (const field of optional) if (values[field].trim()) body[field] = values[field].trim();
  if (values.probability.trim()) body.probability = values.probability.trim();
  if (tagList(values.tags).length) body.tags = tagList(values.tags);
  if (values.line_items.length) body.line_items = lineItems(values.line_items);
  else if (values.value.trim()) body.value = values.value.trim();
  return body as unknown as DealCreate;
}

/** Only the fields that differ from ``loaded``; line items whole when any of them changed. */
export function toUpdate(values: DealFormValues, loaded: DealFormValues): DealUpdate {
  const changes: Record<string, unknown> = {};
  const plain = ["title", "currency", "notes", "owner_id"] as const;
  for (const field of plain) if (values[field] !== loaded[field]) changes[field] = values[field].trim();
  if (values.expected_close_date !== loaded.expected_close_date) {
    changes.expected_close_date = values.expected_close_date || null;
  }
  if (values.probability !== loaded.probability) changes.probability = values.probability.trim();
  if (tagList(values.tags).join() !== tagList(loaded.tags).join()) changes.tags = tagList(values.tags);
  const itemsChanged = JSON.stringify(values.line_items) !== JSON.stringify(loaded.line_items);
  if (itemsChanged) changes.line_items = lineItems(values.line_items);
  if (!values.line_items.length && values.value !== loaded.value && centsOf(values.value || "0") !== centsOf(loaded.value || "0")) {
    changes.value = values.value.trim();
  }
  return changes as DealUpdate;
}
