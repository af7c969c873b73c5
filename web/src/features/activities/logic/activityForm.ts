/** The activity form's values to and from the API's models. */
import type { components } from "@/api/schema";
import type { PickedCustomer } from "@/components/CustomerPicker";
import { fromLocalInput, toLocalInput } from "./due";
import type { ActivityPriority, ActivityStatus, ActivityType } from "./workFilters";

export type Activity = components["schemas"]["Activity"];
export type ActivityCreate = components["schemas"]["ActivityCreate"];
export type ActivityUpdate = components["schemas"]["ActivityUpdate"];

export interface ActivityFormValues {
  type: ActivityType;
  subject: string;
  description: string;
  /** An `<input type="datetime-local">` value. */
  due_at: string;
  priority: ActivityPriority;
  status: ActivityStatus;
  customer: PickedCustomer | null;
  deal_id: string;
  owner_id: string;
}

/** The form's fields by the API's names, for placing `details[].field` (customer_id lands on the customer box). */
export const ACTIVITY_FORM_FIELDS = [
  "type", "subject", "description", "due_at", "priority", "status", "customer_id", "deal_id", "owner_id",
] as const;
export const FORM_FIELD_OF: Record<string, keyof ActivityFormValues> = { customer_id: "customer" };

export function emptyActivity(customer: PickedCustomer | null = null, type: ActivityType = "call"): ActivityFormValues {
  return { type, subject: "", description: "", due_at: "", priority: "normal", status: "scheduled", customer,
    deal_id: "", owner_id: "" };
}

export function toFormValues(activity: Activity, customerName: string): ActivityFormValues {
  return {
    type: activity.type,
    subject: activity.subject,
    description: activity.description ?? "",
    due_at: toLocalInput(activity.due_at),
    priority: activity.priority,
    status: activity.status,
    customer: { id: activity.customer_id, name: customerName },
    deal_id: activity.deal_id ?? "",
    owner_id: activity.owner_id,
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The create body; the owner only when one was chosen (the API makes the creator the owner otherwise). */
export function toCreate(values: ActivityFormValues): ActivityCreate {
  const body: Record<string, unknown> = {
    type: values.type,
    subject: values.subject.trim(),
    description: orNull(values.description),
    due_at: fromLocalInput(values.due_at),
    priority: values.priority,
    status: values.status,
    customer_id: values.customer?.id ?? null,
    deal_id: orNull(values.deal_id),
  };
  if (values.owner_id) body.owner_id = values.owner_id;
  return body as ActivityCreate;
}

/** Only the fields that differ from ``loaded``. */
export function toUpdate(values: ActivityFormValues, loaded: ActivityFormValues): ActivityUpdate {
  const now = toCreate(values) as Record<string, unknown>;
  const before = toCreate(loaded) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(now)) if (now[key] !== before[key]) changes[key] = now[key];
  return changes as ActivityUpdate;
}
