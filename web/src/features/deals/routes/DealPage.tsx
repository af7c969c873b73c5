import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAccess } from "@/auth/session";
import { UserName } from "@/components/UserName";
import { ErrorState, Spinner } from "@/components/States";
import { formatDate, formatMoney } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { dealKeys, useCustomerName, useDeal, usePipelines } from "../api";
import { DealActions } from "../components/DealActions";
import { DealEditForm } from "../components/DealEditForm";
import { StageHistory } from "../components/StageHistory";
import { daysSince } from "../logic/board";
import "../deals.css";

export default function DealPage() {
  const { dealId = "" } = useParams();
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const deal = useDeal(dealId);
  const pipelines = usePipelines();
  const customer = useCustomerName(deal.data?.customer_id);
  const [deleted, setDeleted] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? "en";
  useLiveSignal(deleted ? null : { kind: "deal", id: dealId }, [dealKeys.record(dealId)]);

  if (deleted) {
    return (
      <div className="page">
        <p><Link to="/deals">← {t("deals.page.back")}</Link></p>
        <p className="notice" role="status">{t("deals.page.deleted", { title: deleted })}</p>
      </div>
    );
  }
  if (deal.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (deal.isError) {
    return (
      <div className="page">
        <p><Link to="/deals">← {t("deals.page.back")}</Link></p>
        <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />
      </div>
    );
  }
  const record = deal.data;
  const pipeline = pipelines.data?.results.find((p) => p.id === record.pipeline_id);
  const stage = pipeline?.stages.find((s) => s.id === record.stage);
  return (
    <div className="page deal-page">
      <p><Link to={`/deals?pipeline=${record.pipeline_id}`}>← {t("deals.page.back")}</Link></p>
      <header className="customer-head">
        <div>
          <h1>{record.title}</h1>
          <p className="facts">
            <span className={`badge deal-status-${record.status}`}>{t(`deals.status.${record.status}`)}</span>
            <span>{t("deals.page.stage")}: <strong>{stage?.name ?? record.stage}</strong>
              {pipeline && <span className="muted"> ({pipeline.name})</span>}</span>
            <span>{t("deals.page.value")}: <strong>{formatMoney(record.value, record.currency, language)}</strong></span>
            <span>{t("deals.page.weighted", { probability: record.probability })}:{" "}
              {formatMoney(record.expected_revenue, record.currency, language)}</span>
            <span>{t("deals.page.customer")}:{" "}
              <Link to={`/customers/${record.customer_id}`}>{customer.data ?? record.customer_id}</Link></span>
            <span>{t("deals.page.owner")}: <UserName uid={record.owner_id} /></span>
            {record.expected_close_date && (
              <span>{t("deals.page.expectedClose")}: {formatDate(record.expected_close_date, language)}</span>
            )}
            {record.status === "open" && (
              <span>{t("deals.page.inStage", { days: daysSince(record.stage_entered_at) })}</span>
            )}
          </p>
          {record.lost_reason && <p className="muted">{t("deals.page.lostShown", { reason: record.lost_reason })}</p>}
        </div>
        {me.can("write") && <DealActions deal={record} pipeline={pipeline} onDeleted={() => setDeleted(record.title)} />}
      </header>
      <div className="columns">
        <div className="main-column">
          <DealEditForm key={record.id} deal={record} customerName={customer.data}
            reload={async () => (await deal.refetch()).data} />
        </div>
        <aside className="side-column">
          <StageHistory deal={record} pipelines={pipelines.data?.results ?? []} />
        </aside>
      </div>
    </div>
  );
}
