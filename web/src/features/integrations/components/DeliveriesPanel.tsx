import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { SelectField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDateTime } from "@/i18n/format";
import {
  DELIVERY_STATES, useDeliveries, useDeliveryDetail, useRedeliver, type DeliveryState, type WebhookDelivery,
} from "../api";
import { LoadMore } from "@/components/LoadMore";

/** An endpoint's deliveries, newest first, filtered by state; each opens to its attempts and body, and can be sent
 * again. */
export function DeliveriesPanel({ endpointId }: { endpointId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const [state, setState] = useState<DeliveryState | "">("");
  const [open, setOpen] = useState<string | null>(null);
  const deliveries = useDeliveries(endpointId, state);
  const rows = deliveries.data?.pages.flatMap((page) => page.results) ?? [];
  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <div className="page-head">
        <h2 id="deliveries-title">{t("integrations.deliveries")}</h2>
        <div className="actions">
          <SelectField label={t("integrations.state")} value={state}
            onChange={(e) => setState(e.target.value as DeliveryState | "")}
            options={[{ value: "", label: t("integrations.anyState") },
              ...DELIVERY_STATES.map((value) => ({ value, label: t(`integrations.deliveryState.${value}`) }))]} />
          <button type="button" onClick={() => void deliveries.refetch()}>{t("integrations.refresh")}</button>
        </div>
      </div>
      {deliveries.isPending ? <Spinner label={t("app.loading")} />
        : deliveries.isError ? <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
          : rows.length === 0 ? <EmptyState>{t("integrations.noDeliveries")}</EmptyState>
            : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">{t("integrations.deliveries")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("integrations.when")}</th>
                      <th scope="col">{t("integrations.event")}</th>
                      <th scope="col">{t("integrations.state")}</th>
                      <th scope="col" className="num col-wide">{t("integrations.attempts")}</th>
                      <th scope="col" className="col-wide">{t("integrations.lastAnswer")}</th>
                      <th scope="col"><span className="visually-hidden">{t("integrations.details")}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((delivery) => (
                      <DeliveryRow key={delivery.id} delivery={delivery} language={language}
                        open={open === delivery.id} onToggle={() => setOpen(open === delivery.id ? null : delivery.id)}
                        endpointId={endpointId} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
      <LoadMore pages={deliveries} />
    </section>
  );
}

function lastAnswer(delivery: WebhookDelivery): string {
  const last = delivery.attempts.at(-1);
  if (!last) return "—";
  return last.status_code ? `HTTP ${last.status_code}` : (last.error ?? "—");
}

function DeliveryRow({ delivery, language, open, onToggle, endpointId }: {
  delivery: WebhookDelivery; language: string; open: boolean; onToggle: () => void; endpointId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr className={open ? "active" : undefined}>
        <td>{formatDateTime(delivery.created_at, language)}</td>
        <td title={`${delivery.subject} ${delivery.record_id}`}>{delivery.event_type}</td>
        <td><span className={`badge delivery-${delivery.state}`}>{t(`integrations.deliveryState.${delivery.state}`)}</span></td>
        <td className="num col-wide">{delivery.attempt_count}</td>
        <td className="col-wide">{lastAnswer(delivery)}</td>
        <td>
          <button type="button" className="link" aria-expanded={open} onClick={onToggle}>
            {open ? t("integrations.hide") : t("integrations.details")}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6} style={{ whiteSpace: "normal" }}>
            <DeliveryDetail id={delivery.id} language={language} endpointId={endpointId} />
          </td>
        </tr>
      )}
    </>
  );
}

function DeliveryDetail({ id, language, endpointId }: { id: string; language: string; endpointId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const detail = useDeliveryDetail(id);
  const redeliver = useRedeliver(endpointId);
  if (detail.isPending) return <Spinner label={t("app.loading")} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const delivery = detail.data;
  return (
    <div>
      <p className="facts">
        <span>{t("integrations.record")}: {delivery.subject} {delivery.record_id}</span>
        {delivery.next_attempt_at && <span>{t("integrations.nextAttempt")}: {formatDateTime(delivery.next_attempt_at, language)}</span>}
        {delivery.delivered_at && <span>{t("integrations.deliveredAt")}: {formatDateTime(delivery.delivered_at, language)}</span>}
      </p>
      {delivery.attempts.length > 0 && (
        <ol className="attempts" aria-label={t("integrations.attempts")}>
          {delivery.attempts.map((attempt) => (
            <li key={attempt.at}>
              {formatDateTime(attempt.at, language)} · {attempt.status_code ? `HTTP ${attempt.status_code}` : attempt.error}
              {" · "}{attempt.duration_ms} ms{attempt.response ? ` · ${attempt.response}` : ""}
            </li>
          ))}
        </ol>
      )}
      {delivery.payload && <pre className="payload" aria-label={t("integrations.body")}>{JSON.stringify(delivery.payload, null, 2)}</pre>}
      <button type="button" disabled={redeliver.isPending} onClick={() => redeliver.mutate(id, {
        onSuccess: (sent) => notify(t("integrations.redelivered", { state: t(`integrations.deliveryState.${sent.state}`) })),
        onError: (error) => notify(toUserError(error, t).message, { tone: "error" }),
      })}>
        {t("integrations.redeliver")}
      </button>
    </div>
  );
}
