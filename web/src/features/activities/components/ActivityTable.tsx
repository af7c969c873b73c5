import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TickBox, type Ticked } from "@/components/bulk";
import { CustomerName } from "@/components/CustomerName";
import { onRowKeys } from "@/components/tableKeys";
import { UserName } from "@/components/UserName";
import { dueKind } from "../logic/due";
import type { Activity } from "../logic/activityForm";
import { CompleteButton } from "./CompleteButton";
import { DueDate } from "./DueDate";

interface Props {
  activities: Activity[];
  writable: boolean;
  showOwner: boolean;
  caption: string;
  /** With a selection, a first column of boxes to tick activities for a change to all of them. */
  selection?: Ticked;
}

/** Activities as rows: complete (for who may), subject, kind, customer, due (overdue marked), priority, owner. */
export function ActivityTable({ activities, writable, showOwner, caption, selection }: Props) {
  const { t } = useTranslation();
  const hint = useId();
  return (
    <div className="table-wrap">
      <table className="record-table activity-table" aria-describedby={hint}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && (
              <TickBox header label={t("activities.bulk.selectAll")} checked={selection.allTicked}
                onChange={selection.tickAll} />
            )}
            {writable && <th scope="col" className="narrow-col"><span className="visually-hidden">{t("activities.complete")}</span></th>}
            <th scope="col">{t("activities.subject")}</th>
            <th scope="col" className="col-wide">{t("activities.type")}</th>
            <th scope="col">{t("activities.customer")}</th>
            <th scope="col">{t("activities.due")}</th>
            <th scope="col" className="col-wide">{t("activities.priority")}</th>
            {showOwner && <th scope="col" className="col-wide">{t("activities.owner")}</th>}
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeys}>
          {activities.map((activity) => (
            <tr key={activity.id} className={dueKind(activity) === "overdue" ? "overdue-row" : undefined}>
              {selection && (
                <TickBox label={t("activities.bulk.select", { name: activity.subject })}
                  checked={selection.isTicked(activity.id)} onChange={(on) => selection.tick(activity.id, on)} />
              )}
              {writable && <td><CompleteButton activity={activity} /></td>}
              <th scope="row">
                <Link to={`/activities/${activity.id}`}>{activity.subject}</Link>
                {activity.status !== "scheduled" && (
                  <span className={`badge ${activity.status === "completed" ? "positive" : "neutral"} status-note`}>
                    {t(`activityStatus.${activity.status}`)}
                  </span>
                )}
              </th>
              <td className="col-wide">{t(`activities.types.${activity.type}`)}</td>
              <td><CustomerName id={activity.customer_id} /></td>
              <td><DueDate activity={activity} /></td>
              <td className="col-wide">{t(`activities.priorities.${activity.priority}`)}</td>
              {showOwner && <td className="col-wide"><UserName uid={activity.owner_id} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={hint} className="visually-hidden">{t("ui.tableKeys")}</p>
    </div>
  );
}
