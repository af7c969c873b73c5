import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/i18n/format";
import { dueKind } from "../logic/due";

/** When an activity is due, marked in words (not colour alone) when it is overdue or due today. */
export function DueDate({ activity }: { activity: { due_at?: string | null; status: string } }) {
  const { t, i18n } = useTranslation();
  if (!activity.due_at) return <span className="muted">{t("activities.noDue")}</span>;
  const kind = dueKind(activity);
  return (
    <span className="due">
      <time dateTime={activity.due_at}>{formatDateTime(activity.due_at, i18n.resolvedLanguage ?? "en")}</time>
      {kind === "overdue" && <span className="badge overdue">{t("activities.overdue")}</span>}
      {kind === "today" && <span className="badge waiting">{t("activities.today")}</span>}
    </span>
  );
}
