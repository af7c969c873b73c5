import type { UserError } from "@/api/errors";

/** ``shown`` with its field messages moved to the form's own names for some API fields (e.g. the API's
 * customer_id is the form's customer box). */
export function renameFields(shown: UserError, renames: Record<string, string>): UserError {
  const fields = Object.fromEntries(Object.entries(shown.fields).map(([field, message]) => [renames[field] ?? field, message]));
  return { ...shown, fields };
}
