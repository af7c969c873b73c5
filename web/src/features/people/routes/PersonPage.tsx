import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useLiveSignal } from "@/live/useLiveSignal";
import { peopleKeys, useDeletePerson, usePerson, useRestorePerson } from "../api";
import { OwnerName, PersonFlags } from "../components/PersonFlags";
import { PersonForm } from "../components/PersonForm";
import "../people.css";

export default function PersonPage() {
  const { personId = "" } = useParams();
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const person = usePerson(personId);
  const remove = useDeletePerson(personId);
  const restore = useRestorePerson(personId);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<{ name: string; customerId: string } | null>(null);
  useLiveSignal(deleted ? null : { kind: "person", id: personId }, [peopleKeys.record(personId)]);

  if (deleted) {
    return (
      <div className="page">
        <p><Link to={`/customers/${deleted.customerId}`}>← {t("people.back")}</Link></p>
        <div className="notice" role="status">
          <p>{t("people.deleted", { name: deleted.name })}</p>
          <button type="button" className="primary" disabled={restore.isPending} onClick={async () => {
            try {
              await restore.mutateAsync();
              notify(t("people.restored", { name: deleted.name }));
              setDeleted(null);
            } catch (error) {
              notify(toUserError(error, t).message, { tone: "error" });
            }
          }}>{t("people.restore")}</button>
        </div>
      </div>
    );
  }
  if (person.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (person.isError) {
    return (
      <div className="page">
        <p><Link to="/people">← {t("people.back")}</Link></p>
        <ErrorState error={person.error} onRetry={() => void person.refetch()} />
      </div>
    );
  }
  const record = person.data;
  return (
    <div className="page person-page">
      <p><Link to="/people">← {t("people.back")}</Link></p>
      <header className="customer-head">
        <div>
          <h1>{record.name}</h1>
          <p className="facts">
            {record.job_title && <span>{record.job_title}</span>}
            <span>
              {t("people.strip.atCustomer")}{" "}
              <Link to={`/customers/${record.customer_id}`}>{record.customer_name || record.customer_id}</Link>
            </span>
            <PersonFlags person={record} />
            <span>{t("people.col.owner")}: <OwnerName uid={record.owner_id} me={me.uid} /></span>
          </p>
        </div>
        {me.can("write") && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>{t("people.delete")}</button>
        )}
      </header>
      <PersonForm key={record.id} person={record} reload={async () => (await person.refetch()).data} />
      <ConfirmDialog open={confirming} title={t("people.deleteTitle", { name: record.name })}
        confirmLabel={t("people.delete")} danger busy={remove.isPending}
        error={remove.error ? toUserError(remove.error, t).message : null}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          try {
            await remove.mutateAsync(record.version);
            setConfirming(false);
            setDeleted({ name: record.name, customerId: record.customer_id });
          } catch {
            // shown in the dialog
          }
        }} />
    </div>
  );
}
