/** The actions several kinds share, for the lists' bulk forms: tags, a status, another owner, delete. Each keeps its
 * input under its own name in the form's values ("tags", "status", "owner"). */
import { SelectField } from "@/components/fields";
import { TagsField } from "@/components/TagsField";
import { UserPicker } from "@/components/UserPicker";
import type { BulkActionSpec } from "./BulkForm";
import { tagList } from "./bulkRequest";

/** Add tags and remove tags, typed separated by commas. */
export function tagActions(labels: { add: string; remove: string; tags: string }): BulkActionSpec[] {
  const inputs: Pick<BulkActionSpec, "fields" | "change"> = {
    fields: (values, set) => (
      <TagsField label={labels.tags} value={values.tags ?? ""} onChange={(e) => set("tags", e.target.value)} />
    ),
    change: (values) => (tagList(values.tags ?? "").length ? { tags: tagList(values.tags ?? "") } : null),
  };
  return [{ id: "add_tags", label: labels.add, ...inputs }, { id: "remove_tags", label: labels.remove, ...inputs }];
}

/** Set the status to one of ``options`` (the form's initial values name the first one shown). */
export function statusAction(label: string, statusLabel: string,
  options: { value: string; label: string }[]): BulkActionSpec {
  return {
    id: "set_status", label,
    fields: (values, set) => (
      <SelectField label={statusLabel} value={values.status} onChange={(e) => set("status", e.target.value)}
        options={options} />
    ),
    change: (values) => (values.status ? { status: values.status } : null),
  };
}

/** Give the records to another owner, chosen from the users (only managers and admins are offered it). */
export function reassignAction(label: string, ownerLabel: string): BulkActionSpec {
  return {
    id: "reassign", label,
    fields: (values, set) => (
      <UserPicker label={ownerLabel} value={values.owner ?? ""} onChange={(uid) => set("owner", uid)} />
    ),
    change: (values) => (values.owner ? { owner_id: values.owner } : null),
  };
}

/** Delete the records, after a confirmation titled ``confirmTitle(count)``. */
export function deleteAction(label: string, confirmTitle: (count: number) => string): BulkActionSpec {
  return { id: "delete", label, confirmTitle };
}
