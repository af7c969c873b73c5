/** The person form's values (every text an input can hold) to and from the API's models. */
import type { components } from "@/api/schema";
import type { Person, PersonCreate, PersonUpdate } from "../api";

type Contact = components["schemas"]["Contact"];

export interface ChannelValues {
  type: Contact["type"];
  label: string;
  value: string;
  primary: boolean;
}

export interface PersonFormValues {
  first_name: string;
  last_name: string;
  job_title: string;
  department: string;
  contacts: ChannelValues[];
  primary: boolean;
  do_not_call: boolean;
  email_opt_out: boolean;
  notes: string;
  owner_id: string;
}

/** The form's field paths, for placing the API's `details[].field` on them (`*` stands for a list index). */
export const PERSON_FORM_FIELDS = [
  "first_name", "last_name", "job_title", "department", "contacts", "contacts.*.type", "contacts.*.label",
  "contacts.*.value", "contacts.*.primary", "primary", "do_not_call", "email_opt_out", "notes", "owner_id",
] as const;

const text = (value: string | null | undefined) => value ?? "";
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

export function emptyChannel(type: Contact["type"] = "email"): ChannelValues {
  return { type, label: "", value: "", primary: false };
}

export function toFormValues(person?: Person): PersonFormValues {
  return {
    first_name: text(person?.first_name),
    last_name: text(person?.last_name),
    job_title: text(person?.job_title),
    department: text(person?.department),
    contacts: (person?.contacts ?? []).map((c) => ({ type: c.type, label: text(c.label), value: c.value,
      primary: !!c.primary })),
    primary: !!person?.primary,
    do_not_call: !!person?.do_not_call,
    email_opt_out: !!person?.email_opt_out,
    notes: text(person?.notes),
    owner_id: text(person?.owner_id),
  };
}

function contacts(values: PersonFormValues): Contact[] {
  return values.contacts.filter((c) => c.value.trim() !== "").map((c) => ({
    type: c.type, label: orNull(c.label), value: c.value.trim(), primary: c.primary,
  }));
}

/** Only what changed since ``loaded``, as a PATCH body (an emptied text is sent as null). */
export function toUpdate(values: PersonFormValues, loaded: PersonFormValues): PersonUpdate {
  const update: Partial<PersonUpdate> = {};
  for (const key of ["first_name", "last_name", "job_title", "department", "notes"] as const) {
    if (values[key].trim() !== loaded[key].trim()) update[key] = orNull(values[key]);
  }
  for (const key of ["primary", "do_not_call", "email_opt_out"] as const) {
    if (values[key] !== loaded[key]) update[key] = values[key];
  }
  if (JSON.stringify(contacts(values)) !== JSON.stringify(contacts(loaded))) update.contacts = contacts(values);
  if (values.owner_id.trim() && values.owner_id.trim() !== loaded.owner_id.trim()) {
    update.owner_id = values.owner_id.trim();
  }
  return update as PersonUpdate;
}

/** A new person from the quick form of the customer page: names, job title, one email, one phone. */
export function toCreate(values: { first_name: string; last_name: string; job_title: string; email: string;
  phone: string; primary: boolean }): PersonCreate {
  const body: Partial<PersonCreate> = { primary: values.primary };
  for (const key of ["first_name", "last_name", "job_title", "email", "phone"] as const) {
    const value = orNull(values[key]);
    if (value !== null) body[key] = value;
  }
  return body as PersonCreate;
}
