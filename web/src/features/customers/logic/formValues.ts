/** The customer form's values (every text an input can hold) to and from the API's models. */
import type {
  Contact, Customer, CustomerCreate, CustomerSource, CustomerStatus, CustomerUpdate, OwnedItem,
} from "@/api/types";
import type { LeadPriority, LeadRating } from "./listFilters";

export type ItemKind = OwnedItem["type"];

export interface OwnedItemValues {
  type: ItemKind;
  device_id: string;
  label: string;
  serial_number: string;
  product_id: string;
  product_name: string;
  quantity: string;
  serial_numbers: string;
  description: string;
  notes: string;
}

export interface ContactValues {
  type: Contact["type"];
  label: string;
  value: string;
  primary: boolean;
}

export interface CustomerFormValues {
  name: string;
  organization: string;
  email: string;
  phone: string;
  contacts: ContactValues[];
  location: { city: string; region: string; country: string };
  language: string;
  tags: string;
  owned_items: OwnedItemValues[];
  linked_user_ids: string;
  nextcloud_folder: string;
  status: CustomerStatus;
  source: CustomerSource | "";
  priority: LeadPriority | "";
  rating: LeadRating | "";
  /** 0-100, as typed. */
  score: string;
  owner_id: string;
}

/** The form's field paths, for placing the API's `details[].field` on them (`*` stands for a list index). */
export const CUSTOMER_FORM_FIELDS = [
  "name", "organization", "email", "phone", "contacts", "contacts.*.type", "contacts.*.label", "contacts.*.value",
  "contacts.*.primary", "location", "location.city", "location.region", "location.country", "language", "tags",
  "owned_items", "owned_items.*.type", "owned_items.*.device_id", "owned_items.*.label",
  "owned_items.*.serial_number", "owned_items.*.product_id", "owned_items.*.product_name", "owned_items.*.quantity",
  "owned_items.*.serial_numbers", "owned_items.*.description", "owned_items.*.notes", "linked_user_ids",
  "nextcloud_folder", "status", "source", "priority", "rating", "score", "owner_id",
] as const;

const text = (value: string | null | undefined) => value ?? "";
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());
export const splitList = (value: string) => value.split(",").map((part) => part.trim()).filter(Boolean);

export function emptyItem(type: ItemKind): OwnedItemValues {
  return {
    type, device_id: "", label: "", serial_number: "", product_id: "", product_name: "", quantity: "",
    serial_numbers: "", description: "", notes: "",
  };
}

export function emptyContact(type: Contact["type"] = "email"): ContactValues {
  return { type, label: "", value: "", primary: false };
}

function itemValues(item: OwnedItem): OwnedItemValues {
  const values = emptyItem(item.type);
  if (item.type === "console_device") {
    Object.assign(values, {
      device_id: text(item.device_id), label: text(item.label), serial_number: text(item.serial_number),
    });
  } else if (item.type === "product") {
    Object.assign(values, {
      product_id: text(item.product_id), product_name: text(item.product_name),
      quantity: item.quantity == null ? "" : String(item.quantity), serial_numbers: (item.serial_numbers ?? []).join(", "),
    });
  } else {
    Object.assign(values, { description: text(item.description), serial_number: text(item.serial_number) });
  }
  values.notes = text(item.notes);
  return values;
}

export function toFormValues(customer?: Customer): CustomerFormValues {
  return {
    name: text(customer?.name),
    organization: text(customer?.organization),
    email: "",
    phone: "",
    contacts: (customer?.contacts ?? []).map((c) => ({
      type: c.type, label: text(c.label), value: c.value, primary: !!c.primary,
    })),
    location: {
      city: text(customer?.location?.city), region: text(customer?.location?.region),
      country: text(customer?.location?.country),
    },
    language: text(customer?.language),
    tags: (customer?.tags ?? []).join(", "),
    owned_items: (customer?.owned_items ?? []).map(itemValues),
    linked_user_ids: (customer?.linked_user_ids ?? []).join(", "),
    nextcloud_folder: text(customer?.nextcloud_folder),
    status: customer?.status ?? "lead",
    source: customer?.source ?? "",
    priority: customer?.priority ?? "",
    rating: customer?.rating ?? "",
    score: customer?.score === null || customer?.score === undefined ? "" : String(customer.score),
    owner_id: text(customer?.owner_id),
  };
}

/** The API's item for the form's: only the fields of its kind. A quantity that is not a whole number is sent as
 * typed, so that the API names the field. */
export function toOwnedItem(values: OwnedItemValues): OwnedItem {
  const notes = orNull(values.notes);
  if (values.type === "console_device") {
    return {
      type: "console_device", device_id: orNull(values.device_id), label: orNull(values.label),
      serial_number: orNull(values.serial_number), notes,
    };
  }
  if (values.type === "product") {
    const quantity = values.quantity.trim();
    return {
      type: "product", product_id: orNull(values.product_id), product_name: orNull(values.product_name),
      quantity: quantity === "" ? null : /^\d+$/.test(quantity) ? Number(quantity) : (quantity as unknown as number),
      serial_numbers: splitList(values.serial_numbers), notes,
    };
  }
  return {
    type: "freetext", description: orNull(values.description), serial_number: orNull(values.serial_number), notes,
  };
}

function location(values: CustomerFormValues["location"]) {
  const result = { city: orNull(values.city), region: orNull(values.region), country: orNull(values.country) };
  return result.city || result.region || result.country ? result : null;
}

type Field = keyof CustomerFormValues;

const TO_API: { [K in Field]: (values: CustomerFormValues) => unknown } = {
  name: (v) => v.name.trim(),
  organization: (v) => orNull(v.organization),
  email: (v) => orNull(v.email),
  phone: (v) => orNull(v.phone),
  contacts: (v) => v.contacts.map((c) => ({ type: c.type, label: orNull(c.label), value: c.value.trim(), primary: c.primary })),
  location: (v) => location(v.location),
  language: (v) => orNull(v.language),
  tags: (v) => splitList(v.tags),
  owned_items: (v) => v.owned_items.map(toOwnedItem),
  linked_user_ids: (v) => splitList(v.linked_user_ids),
  nextcloud_folder: (v) => orNull(v.nextcloud_folder),
  status: (v) => v.status,
  source: (v) => (v.source === "" ? null : v.source),
  priority: (v) => v.priority || null,
  rating: (v) => v.rating || null,
  // Not a whole number: sent as typed, so that the API names the field.
  score: (v) => (v.score.trim() === "" ? null : /^\d+$/.test(v.score.trim()) ? Number(v.score.trim()) : v.score.trim()),
  owner_id: (v) => orNull(v.owner_id),
};

/** Fields the API refuses as null: when the user empties one, it is left out rather than sent as null. */
const NOT_NULLABLE = new Set<Field>(["name", "language", "status", "owner_id"]);

/** A partial update with the top-level fields whose API value differs from ``baseline`` (what the form was loaded
 * with), so that a save never overwrites a field the user did not touch. */
export function toUpdate(values: CustomerFormValues, baseline: CustomerFormValues): CustomerUpdate {
  const update: Record<string, unknown> = {};
  for (const field of Object.keys(TO_API) as Field[]) {
    const value = TO_API[field](values);
    if (JSON.stringify(value) === JSON.stringify(TO_API[field](baseline))) continue;
    if (value === null && NOT_NULLABLE.has(field)) continue;
    update[field] = value;
  }
  return update as CustomerUpdate;
}

/** A new customer from the create form: the fields with a value (the API fills in the rest). */
export function toCreate(values: CustomerFormValues): CustomerCreate {
  const body: Record<string, unknown> = {};
  for (const field of Object.keys(TO_API) as Field[]) {
    const value = TO_API[field](values);
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    body[field] = value;
  }
  return body as CustomerCreate;
}
