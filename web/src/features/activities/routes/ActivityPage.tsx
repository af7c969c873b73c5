import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { CustomerName } from "@/components/CustomerName";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { SaveProblem, useRecordForm } from "@/components/useRecordForm";
import { UserName } from "@/components/UserName";
import "@/components/components.css";
import { useCustomerChoice } from "@/components/CustomerPicker";
import { formatDateTime } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { activityKeys, useActivity, useDeleteActivity, useUpdateActivity } from "../api";
import { ActivityFields } from "../components/ActivityFields";
import { CompleteButton } from "../components/CompleteButton";
import { DueDate } from "../components/DueDate";
import { ACTIVITY_FORM_FIELDS, FORM_FIELD_OF, toFormValues, toUpdate, type Activity } from "../logic/activityForm";
import "../activities.css";

export default function ActivityPage() {
  const { activityId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const activity = useActivity(activityId);
  const customer = useCustomerChoice(activity.data?.customer_id);
  useLiveSignal({ kind: "record", collection: "activities", id: activityId }, [activityKeys.record(activityId)]);

  const back = <p><Link to="/activities">← {t("activities.back")}</Link></p>;
  if (activity.isPending || (activity.data && customer.isPending)) {
    return <div className="page"><Spinner label={t("app.loading")} /></div>;
  }
  if (activity.isError) {
    return <div className="page">{back}<ErrorState error={activity.error} onRetry={() => void activity.refetch()} /></div>;
  }
  const record = activity.data;
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <div className="page narrow">
      {back}
      <header className="record-head">
        <div>
          <h1>{record.subject}</h1>
          <p className="facts">
            <span className="badge neutral">{t(`activities.types.${record.type}`)}</span>
            <span className={`badge ${record.status === "completed" ? "positive" : "progress"}`}>
              {t(`activityStatus.${record.status}`)}
            </span>
            <span>{t("activities.customer")}: <CustomerName id={record.customer_id} /></span>
            <span>{t("activities.due")}: <DueDate activity={record} /></span>
            <span>{t("activities.owner")}: <UserName uid={record.owner_id} /></span>
            {record.completed_at && (
              <span>{t("activities.completedAt")}: {formatDateTime(record.completed_at, language)}</span>
            )}
          </p>
        </div>
        {me.can("write") && <ActivityActions activity={record} />}
      </header>
      <ActivityEditForm key={record.id} activity={record} customerName={customer.data?.name ?? record.customer_id}
        reload={async () => (await activity.refetch()).data} />
    </div>
  );
}

function ActivityActions({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notify = useNotify();
  const remove = useDeleteActivity(activity.id);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmDelete() {
    setError(null);
    try {
      await remove.mutateAsync({ version: activity.version, customerId: activity.customer_id });
      notify(t("activities.deleted", { subject: activity.subject }));
      navigate("/activities");
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  return (
    <div className="actions" role="group" aria-label={t("activities.actions")}>
      <CompleteButton activity={activity} />
      <button type="button" className="danger" onClick={() => { setError(null); setConfirming(true); }}>
        {t("activities.delete")}
      </button>
      <ConfirmDialog open={confirming} title={t("activities.deleteConfirm", { subject: activity.subject })}
        confirmLabel={t("activities.delete")} danger busy={remove.isPending} error={error}
        onConfirm={() => void confirmDelete()} onClose={() => setConfirming(false)} />
    </div>
  );
}

interface FormProps {
  activity: Activity;
  customerName: string;
  reload: () => Promise<Activity | undefined>;
}

/** The activity's fields, saved with If-Match (useRecordForm). */
function ActivityEditForm({ activity, customerName, reload }: FormProps) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const update = useUpdateActivity(activity.id);
  const { form, submit, banner, conflict, loadTheirVersion } = useRecordForm({
    record: activity,
    toValues: (record: Activity) => toFormValues(record, customerName),
    toUpdate,
    save: (changes, version) => update.mutateAsync({ update: changes, version }),
    reload,
    fields: ACTIVITY_FORM_FIELDS,
    renames: FORM_FIELD_OF,
    onSaved: () => notify(t("activities.saved")),
  });

  return (
    <FormProvider {...form}>
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="activity-form-title">
        <h2 id="activity-form-title">{t("activities.details")}</h2>
        {!editable && <p className="notice">{t("activities.viewOnly")}</p>}
        <SaveProblem banner={banner} conflict={conflict} conflictText={t("activities.conflict")}
          reloadText={t("activities.reload")} onReload={() => void loadTheirVersion()} />
        <ActivityFields mode="edit" editable={editable} assignsOwners={me.assigns_owners} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !form.formState.isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}
