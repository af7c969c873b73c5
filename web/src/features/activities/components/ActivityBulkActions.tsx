/** One change to the activities ticked in the list: set their status (e.g. completed), give them to another owner
 * (managers and admins), or delete them (the shared bulk form, with the actions activities take). */
import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { BulkForm, type BulkActionSpec } from "@/components/bulk/BulkForm";
import { SelectField } from "@/components/fields";
import { UserPicker } from "@/components/UserPicker";
import { useBulkActivities } from "../api";
import type { Activity } from "../logic/activityForm";

const STATUSES = ["completed", "in_progress", "scheduled", "cancelled"] as const;

interface Props {
  selected: Activity[];
  onDone: (changed: string[]) => void;
  onClear: () => void;
}

export default function ActivityBulkActions({ selected, onDone, onClear }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const send = useBulkActivities();
  const actions: BulkActionSpec[] = [
    {
      id: "set_status", label: t("activities.bulk.actions.set_status"),
      fields: (values, set) => (
        <SelectField label={t("activities.status")} value={values.status} onChange={(e) => set("status", e.target.value)}
          options={STATUSES.map((status) => ({ value: status, label: t(`activityStatus.${status}`) }))} />
      ),
      change: (values) => ({ status: values.status }),
    },
    ...(me.assigns_owners ? [{
      id: "reassign" as const, label: t("activities.bulk.actions.reassign"),
      fields: (values, set) => (
        <UserPicker label={t("activities.bulk.owner")} value={values.owner} onChange={(uid) => set("owner", uid)} />
      ),
      change: (values) => (values.owner ? { owner_id: values.owner } : null),
    } satisfies BulkActionSpec] : []),
    {
      id: "delete", label: t("activities.bulk.actions.delete"),
      confirmTitle: (count) => t("activities.bulk.deleteTitle", { count }),
    },
  ];
  return (
    <BulkForm label={t("activities.bulk.label")} refusedText={(count) => t("activities.bulk.refused", { count })}
      selected={selected.map((activity) => ({ id: activity.id, name: activity.subject }))} actions={actions}
      initial={{ status: "completed", owner: "" }} send={send} onDone={onDone} onClear={onClear} />
  );
}
