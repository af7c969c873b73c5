import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { CustomerName } from "@/components/CustomerName";
import { showFieldErrors } from "@/components/fields";
import { renameFields } from "@/components/formErrors";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { UserName } from "@/components/UserName";
import "@/components/components.css";
import { useCustomerChoice } from "@/components/CustomerPicker";
import { formatDateTime } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { activityKeys, useActivity, useDeleteActivity, useUpdateActivity } from "../api";
import { ActivityFields } from "../components/ActivityFields";
import { CompleteButton } from "../components/CompleteButton";
import { DueDate } from "../components/DueDate";
import { ACTIVITY_FORM_FIELDS, FORM_FIELD_OF, toFormValues, toUpdate, type Activity, type ActivityFormValues } from "../logic/activityForm";
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

/** The activity's fields, saved with If-Match; a save that finds it changed (412) offers the other version, keeping
 * what the user changed. */
function ActivityEditForm({ activity, customerName, reload }: FormProps) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<ActivityFormValues>({ defaultValues: toFormValues(activity, customerName) });
  const loaded = useRef({ version: activity.version, values: toFormValues(activity, customerName) });
  const [banner, setBanner] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const update = useUpdateActivity(activity.id);

  useEffect(() => {
    if (activity.version === loaded.current.version || form.formState.isDirty) return;
    loaded.current = { version: activity.version, values: toFormValues(activity, customerName) };
    form.reset(loaded.current.values);
  }, [activity, customerName, form]);

  async function save(values: ActivityFormValues) {
    setBanner(null);
    const changes = toUpdate(values, loaded.current.values);
    if (Object.keys(changes).length === 0) return;
    try {
      const saved = await update.mutateAsync({ update: changes, version: loaded.current.version });
      loaded.current = { version: saved.version, values: toFormValues(saved, values.customer?.name ?? customerName) };
      form.reset(loaded.current.values);
      notify(t("activities.saved"));
    } catch (error) {
      const shown = renameFields(toUserError(error, t, ACTIVITY_FORM_FIELDS), FORM_FIELD_OF);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  async function loadTheirVersion() {
    const fresh = await reload();
    if (!fresh) return;
    const values = toFormValues(fresh, customerName);
    form.reset(values, { keepDirtyValues: true });
    loaded.current = { version: fresh.version, values };
    setConflict(false);
    setBanner(null);
  }

  return (
    <FormProvider {...form}>
      <form className="panel" onSubmit={form.handleSubmit(save)} noValidate aria-labelledby="activity-form-title">
        <h2 id="activity-form-title">{t("activities.details")}</h2>
        {!editable && <p className="notice">{t("activities.viewOnly")}</p>}
        {banner && (
          <div className={`notice ${conflict ? "warning" : "error"}`} role="alert">
            <p>{conflict ? t("activities.conflict") : banner}</p>
            {conflict && <button type="button" onClick={() => void loadTheirVersion()}>{t("activities.reload")}</button>}
          </div>
        )}
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
