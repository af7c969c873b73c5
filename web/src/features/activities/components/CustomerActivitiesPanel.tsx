import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import "@/components/components.css";
import { useLiveSignal } from "@/live/useLiveSignal";
import { activityKeys, useActivityList, useCreateActivity } from "../api";
import { fromLocalInput } from "../logic/due";
import { ACTIVITY_TYPES, type ActivityType } from "../logic/workFilters";
import "../activities.css";
import { CompleteButton } from "./CompleteButton";
import { DueDate } from "./DueDate";

/** A customer's activities on their page: the open ones first (overdue marked), complete in place, and a quick
 * form to add one (the full form is a link away). */
export function CustomerActivitiesPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const me = useAccess();
  const open = useActivityList({ customer_id: customerId, open: true, page_size: 20 });
  const done = useActivityList({ customer_id: customerId, status: "completed", order_by: "-created_at", page_size: 5 });
  useLiveSignal({ kind: "recent", collection: "activities", equals: me.sees_every_record
    ? { customer_id: customerId } : { customer_id: customerId, owner_id: me.uid } }, [activityKeys.lists()]);
  const openOnes = open.data?.pages.flatMap((page) => page.results) ?? [];
  const doneOnes = done.data?.pages[0]?.results ?? [];
  const returnTo = encodeURIComponent(`/customers/${customerId}`);

  return (
    <section className="panel" aria-labelledby="activities-title">
      <h2 id="activities-title">{t("customer.activities")}</h2>
      {me.can("write") && <QuickAdd customerId={customerId} />}
      {open.isPending ? <Spinner label={t("app.loading")} />
        : open.isError ? <ErrorState error={open.error} onRetry={() => void open.refetch()} />
          : openOnes.length === 0 && doneOnes.length === 0 ? <EmptyState>{t("customer.noActivities")}</EmptyState>
            : (
              <ul className="related activity-list">
                {[...openOnes, ...doneOnes].map((activity) => (
                  <li key={activity.id}>
                    <span>
                      <Link to={`/activities/${activity.id}`}>{activity.subject}</Link>
                      <small className="muted"> · {t(`activities.types.${activity.type}`)}
                        {activity.status !== "scheduled" && ` · ${t(`activityStatus.${activity.status}`)}`}</small>
                    </span>
                    <DueDate activity={activity} />
                    {me.can("write") ? <CompleteButton activity={activity} /> : <span />}
                  </li>
                ))}
              </ul>
            )}
      {me.can("write") && (
        <p><Link to={`/activities/new?customer=${customerId}&returnTo=${returnTo}`}>{t("activities.fullForm")}</Link></p>
      )}
    </section>
  );
}

function QuickAdd({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const create = useCreateActivity();
  const [type, setType] = useState<ActivityType>("call");
  const [subject, setSubject] = useState("");
  const [due, setDue] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!subject.trim()) return;
    setError(null);
    try {
      await create.mutateAsync({ type, subject: subject.trim(), due_at: fromLocalInput(due), customer_id: customerId } as
        Parameters<typeof create.mutateAsync>[0]);
      setSubject("");
      setDue("");
    } catch (cause) {
      const shown = toUserError(cause, t, ["subject", "due_at"]);
      setError(shown.fields.subject ?? shown.fields.due_at ?? shown.message);
    }
  }

  return (
    <form className="quick-add" onSubmit={submit} aria-label={t("activities.quickAdd")}>
      <div className="field">
        <label htmlFor={`qa-type-${customerId}`}>{t("activities.type")}</label>
        <select id={`qa-type-${customerId}`} value={type} onChange={(e) => setType(e.target.value as ActivityType)}>
          {ACTIVITY_TYPES.map((kind) => <option key={kind} value={kind}>{t(`activities.types.${kind}`)}</option>)}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor={`qa-subject-${customerId}`}>{t("activities.newSubject")}</label>
        <input id={`qa-subject-${customerId}`} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `qa-error-${customerId}` : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`qa-due-${customerId}`}>{t("activities.due")}</label>
        <input id={`qa-due-${customerId}`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <button type="submit" disabled={!subject.trim() || create.isPending}>{t("activities.add")}</button>
      {error && <p id={`qa-error-${customerId}`} className="error-text" role="alert">{error}</p>}
    </form>
  );
}
