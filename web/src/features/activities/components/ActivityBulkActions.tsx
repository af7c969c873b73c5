/** One change to the activities ticked in the list: set their status (e.g. completed), give them to another owner
 * (managers and admins), or delete them (the shared bulk form, with the actions activities take). */
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { deleteAction, reassignAction, statusAction } from "@/components/bulk/actions";
import { BulkForm } from "@/components/bulk/BulkForm";
import { useBulkActivities } from "../api";
import type { Activity } from "../logic/activityForm";

const STATUSES = ["completed", "in_progress", "scheduled", "cancelled"] as const;

interface Props {
  selected: Activity[];
  onDone: (changed: string[]) => void;
  onClear: () => void;
  everything?: ComponentProps<typeof BulkForm>["everything"];
}

export default function ActivityBulkActions({ selected, onDone, onClear, everything }: Props) {
  const { t } = useTranslation();
  const me = useAccess();
  const send = useBulkActivities();
  const actions = [
    statusAction(t("activities.bulk.actions.set_status"), t("activities.status"),
      STATUSES.map((status) => ({ value: status, label: t(`activityStatus.${status}`) }))),
    ...(me.assigns_owners ? [reassignAction(t("activities.bulk.actions.reassign"), t("activities.bulk.owner"))] : []),
    deleteAction(t("activities.bulk.actions.delete"), (count) => t("activities.bulk.deleteTitle", { count })),
  ];
  return (
    <BulkForm label={t("activities.bulk.label")} refusedText={(count) => t("activities.bulk.refused", { count })}
      selected={selected.map((activity) => ({ id: activity.id, name: activity.subject }))} actions={actions}
      initial={{ status: "completed" }} send={send} onDone={onDone} onClear={onClear} everything={everything} />
  );
}
