/** One change to the customers ticked in the list: add or remove tags, change the status, give them to another
 * owner (managers and admins), or delete them (the shared bulk form, with the actions customers take). */
import { useTranslation } from "react-i18next";
import type { CustomerListItem } from "@/api/types";
import { useAccess } from "@/auth/session";
import { BulkForm, type BulkActionSpec } from "@/components/bulk/BulkForm";
import { tagList } from "@/components/bulk/bulkRequest";
import { SelectField } from "@/components/fields";
import { TagsField } from "@/components/TagsField";
import { UserPicker } from "@/components/UserPicker";
import { useBulkCustomers } from "../api";

const STATUSES = ["lead", "prospect", "customer", "churned"] as const;

interface Props {
  selected: CustomerListItem[];
  onDone: (changed: string[]) => void;
  onClear: () => void;
}

export default function BulkActions({ selected, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const send = useBulkCustomers();
  const tags: Pick<BulkActionSpec, "fields" | "change"> = {
    fields: (values, set) => (
      <TagsField label={t("customers.bulk.tags")} value={values.tags} onChange={(e) => set("tags", e.target.value)} />
    ),
    change: (values) => (tagList(values.tags).length ? { tags: tagList(values.tags) } : null),
  };
  const actions: BulkActionSpec[] = [
    { id: "add_tags", label: t("customers.bulk.actions.add_tags"), ...tags },
    { id: "remove_tags", label: t("customers.bulk.actions.remove_tags"), ...tags },
    {
      id: "set_status", label: t("customers.bulk.actions.set_status"),
      fields: (values, set) => (
        <SelectField label={t("customers.bulk.status")} value={values.status} onChange={(e) => set("status", e.target.value)}
          options={STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))} />
      ),
      change: (values) => ({ status: values.status }),
    },
    ...(me.assigns_owners ? [{
      id: "reassign" as const, label: t("customers.bulk.actions.reassign"),
      fields: (values, set) => (
        <UserPicker label={t("customers.bulk.owner")} value={values.owner} onChange={(uid) => set("owner", uid)} />
      ),
      change: (values) => (values.owner ? { owner_id: values.owner } : null),
    } satisfies BulkActionSpec] : []),
    {
      id: "delete", label: t("customers.bulk.actions.delete"),
      confirmTitle: (count) => t("customers.bulk.deleteTitle", { count }),
    },
  ];
  return (
    <BulkForm label={t("customers.bulk.label")} refusedText={(count) => t("customers.bulk.refused", { count })}
      selected={selected} actions={actions} initial={{ tags: "", status: "customer", owner: "" }} send={send}
      onDone={onDone} onClear={onClear} />
  );
}
