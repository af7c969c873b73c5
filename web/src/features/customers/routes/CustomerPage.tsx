import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import type { Customer } from "@/api/types";
import { CustomerPanels } from "@/app/FeatureSlots";
import { useAccess } from "@/auth/session";
import { ErrorState, Spinner } from "@/components/States";
import { UserName } from "@/components/UserName";
import { useNotify } from "@/components/Toasts";
import { formatDate, formatMoney, formatRelative } from "@/i18n/format";
import { CustomerActivitiesPanel } from "@/features/activities";
import { useLiveSignal } from "@/live/useLiveSignal";
import { customerKeys, useBaseCurrency, useCustomer, useRestoreCustomer } from "../api";
import { CustomerActions } from "../components/CustomerActions";
import { CustomerEditForm } from "../components/CustomerEditForm";
import { NotesPanel } from "../components/NotesPanel";
import { RelatedPanels, SummaryPanel, TimelinePanel } from "../components/RelatedPanels";
import { StatusBadge } from "../components/StatusBadge";

export default function CustomerPage() {
  const { customerId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const customer = useCustomer(customerId);
  const currency = useBaseCurrency();
  const restore = useRestoreCustomer(customerId);
  const queryClient = useQueryClient();
  const [deletedName, setDeletedName] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? "en";
  useLiveSignal(deletedName ? null : { kind: "customer", id: customerId }, [customerKeys.record(customerId)]);

  if (deletedName) {
    return (
      <div className="page">
        <p><Link to="/customers">← {t("customer.back")}</Link></p>
        <div className="notice" role="status">
          <p>{t("customer.deleted", { name: deletedName })}</p>
          <button type="button" className="primary" disabled={restore.isPending} onClick={async () => {
            try {
              await restore.mutateAsync();
              notify(t("customer.restored", { name: deletedName }));
              setDeletedName(null);
            } catch (error) {
              notify(toUserError(error, t).message, { tone: "error" });
            }
          }}>{t("customer.restore")}</button>
        </div>
      </div>
    );
  }
  if (customer.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (customer.isError) {
    return (
      <div className="page">
        <p><Link to="/customers">← {t("customer.back")}</Link></p>
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
      </div>
    );
  }
  const record = customer.data;
  const showSaved = (saved: Customer) => {
    queryClient.setQueryData(customerKeys.detail(record.id), saved);
    void queryClient.invalidateQueries({ queryKey: customerKeys.lists() });
  };
  return (
    <div className="page customer-page">
      <p><Link to="/customers">← {t("customer.back")}</Link></p>
      <header className="customer-head">
        <div>
          <h1>{record.name}</h1>
          <p className="facts">
            <StatusBadge status={record.status} />
            {record.organization && <span>{record.organization}</span>}
            <span>{t("customer.lifetimeValue")}: <strong>{formatMoney(record.lifetime_value, currency, language)}</strong></span>
            <span>{t("customer.owner")}: <UserName uid={record.owner_id} /></span>
            {record.last_activity_at && (
              <span>{t("customer.lastActivity")}: {formatRelative(record.last_activity_at, language)}</span>
            )}
            <span>{t("customer.createdAt")}: {formatDate(record.created_at, language)}</span>
          </p>
          {record.lost_reason && <p className="muted">{t("customer.lostShown", { reason: record.lost_reason })}</p>}
        </div>
        {me.can("write") && <CustomerActions customer={record} onDeleted={() => setDeletedName(record.name)} />}
      </header>
      <div className="columns">
        <div className="main-column">
          <CustomerEditForm key={record.id} customer={record}
            reload={async () => (await customer.refetch()).data} />
          <CustomerPanels column="main" customer={record} onSaved={showSaved} />
          <TimelinePanel id={record.id} />
        </div>
        <aside className="side-column">
          <SummaryPanel id={record.id} />
          <CustomerPanels column="side" customer={record} onSaved={showSaved} />
          <NotesPanel customer={record} />
          <CustomerActivitiesPanel customerId={record.id} />
          <RelatedPanels id={record.id} />
        </aside>
      </div>
    </div>
  );
}
