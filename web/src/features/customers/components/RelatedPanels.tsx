import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { UserName } from "@/components/UserName";
import { formatDateTime, formatMoney } from "@/i18n/format";
import {
  useCustomerDeals, useCustomerOrders, useCustomerSummary, useCustomerTimeline, useStageNames,
} from "../api";

function useLanguage() {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? "en";
}

export function SummaryPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const summary = useCustomerSummary(id);
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("customer.summary")}</h2>
      {summary.isPending ? <Spinner label={t("app.loading")} />
        : summary.isError ? <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
          : <p className="summary-text">{summary.data.text}</p>}
    </section>
  );
}

/** The customer's deals and orders; each links to its own screen (activities have a panel of their own). */
export function RelatedPanels({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const deals = useCustomerDeals(id);
  const orders = useCustomerOrders(id);
  const stageName = useStageNames();
  const me = useAccess();
  return (
    <>
      <section className="panel" aria-labelledby="deals-title">
        <h2 id="deals-title">{t("customer.deals")}</h2>
        {me.can("write") && <p><Link to={`/deals/new?customer=${id}`}>{t("deals.new")}</Link></p>}
        {deals.isPending ? <Spinner label={t("app.loading")} />
          : deals.isError ? <ErrorState error={deals.error} onRetry={() => void deals.refetch()} />
            : deals.data.results.length === 0 ? <EmptyState>{t("customer.noDeals")}</EmptyState>
              : (
                <ul className="related">
                  {deals.data.results.map((deal) => (
                    <li key={deal.id}>
                      <Link to={`/deals/${deal.id}`}>{deal.title}</Link>
                      <span>{stageName(deal.pipeline_id, deal.stage)}</span>
                      <span className="num">{formatMoney(deal.value, deal.currency, language)}</span>
                    </li>
                  ))}
                </ul>
              )}
      </section>
      <section className="panel" aria-labelledby="orders-title">
        <h2 id="orders-title">{t("customer.orders")}</h2>
        {orders.isPending ? <Spinner label={t("app.loading")} />
          : orders.isError ? <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
            : orders.data.results.length === 0 ? <EmptyState>{t("customer.noOrders")}</EmptyState>
              : (
                <ul className="related">
                  {orders.data.results.map((order) => (
                    <li key={order.id}>
                      <Link to={`/orders/${order.id}`}>{order.order_number}</Link>
                      <span>{t(`orderStatus.${order.status}`)}</span>
                      <span className="num">{formatMoney(order.total, order.currency, language)}</span>
                    </li>
                  ))}
                </ul>
              )}
        {me.can("write") && <p><Link to={`/orders/new?customer=${id}`}>{t("orders.newForCustomer")}</Link></p>}
      </section>
    </>
  );
}

export function TimelinePanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeline = useCustomerTimeline(id);
  const entries = timeline.data?.pages.flatMap((page) => page.results) ?? [];
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("customer.timeline")}</h2>
      {timeline.isPending ? <Spinner label={t("app.loading")} />
        : timeline.isError ? <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
          : entries.length === 0 ? <EmptyState>{t("customer.noTimeline")}</EmptyState>
            : (
              <ol className="timeline">
                {entries.map((entry) => (
                  <li key={entry.id}>
                    <span>{entry.summary}</span>
                    <small className="muted">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time> · <UserName uid={entry.by} />
                    </small>
                  </li>
                ))}
              </ol>
            )}
      {timeline.hasNextPage && (
        <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {t("common.loadMore")}
        </button>
      )}
    </section>
  );
}
