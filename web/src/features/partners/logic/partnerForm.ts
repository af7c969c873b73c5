/** The partner form's values to and from the API's models: blanks leave a field out of a new partner and clear it on
 * an edit, and an edit sends only what changed. */
import type { PartnerCreate, PartnerUpdate } from "../api";

export interface PartnerRecord {
  name: string;
  email: string | null;
  company: string | null;
  uid: string | null;
  plan_id: string | null;
  currency: string;
  notes: string | null;
  owner_id: string;
}

export interface PartnerFormValues {
  name: string;
  email: string;
  company: string;
  uid: string;
  plan_id: string;
  currency: string;
  notes: string;
  /** Who manages the partner (blank on a new one: whoever adds it). */
  owner_id: string;
}

export const PARTNER_FORM_FIELDS = ["name", "email", "company", "uid", "plan_id", "currency", "notes", "owner_id"] as const;
/** Fields the API never takes as null: a blank one is left out of an edit rather than sent. */
const REQUIRED = new Set(["name", "currency", "owner_id"]);

export function emptyPartner(): PartnerFormValues {
  return { name: "", email: "", company: "", uid: "", plan_id: "", currency: "", notes: "", owner_id: "" };
}

export function toPartnerValues(partner: PartnerRecord): PartnerFormValues {
  return {
    name: partner.name, email: partner.email ?? "", company: partner.company ?? "", uid: partner.uid ?? "",
    plan_id: partner.plan_id ?? "", currency: partner.currency, notes: partner.notes ?? "",
    owner_id: partner.owner_id,
  };
}

function cleaned(values: PartnerFormValues): Record<keyof PartnerFormValues, string> {
  const currency = values.currency.trim().toUpperCase();
  return { ...values, ...Object.fromEntries(PARTNER_FORM_FIELDS.map((f) => [f, values[f].trim()])), currency };
}

export function toPartnerCreate(values: PartnerFormValues): PartnerCreate {
  const body = Object.fromEntries(Object.entries(cleaned(values)).filter(([, value]) => value !== ""));
  return { ...body, name: body.name ?? "" } as PartnerCreate;
}

export function toPartnerUpdate(values: PartnerFormValues, loaded: PartnerFormValues): Partial<PartnerUpdate> {
  const now = cleaned(values);
  const before = cleaned(loaded);
  const changes: Record<string, string | null> = {};
  for (const field of PARTNER_FORM_FIELDS) {
    if (now[field] === before[field]) continue;
    if (now[field] === "" && REQUIRED.has(field) && field !== "name") continue;
    changes[field] = now[field] === "" && !REQUIRED.has(field) ? null : now[field];
  }
  return changes as Partial<PartnerUpdate>;
}
