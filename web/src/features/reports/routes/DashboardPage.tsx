import { useTranslation } from "react-i18next";
import type { components } from "@/api/schema";
import { Link } from "react-router";
import { MoneyTotals } from "@/components/MoneyTotals";
import { ErrorState, Spinner } from "@/components/States";
import { formatNumber, locale } from "@/i18n/format";
import { useDashboard, useStageStats } from "../api";
import { FigureTable } from "../components/FigureTable";
import { ReportTabs } from "../components/ReportTabs";
import "../reports.css";
import { Kpi } from "../components/Kpi";

const STATUSES = ["lead", "prospect", "customer", "churned"];

function percent(ratio: number | null | undefined, language: string): string {
  if (ratio === null || ratio === undefined) return "—";
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();

  return (
    <div className="page report-page">
      <ReportTabs />
      <h1>{t("reports.dashboard.title")}</h1>
      {dashboard.isPending ? <Spinner label={t("app.loading")} />
        : dashboard.isError ? <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
          : <DashboardFigures data={dashboard.data} />}
    </div>
  );
}

type Dashboard = components["schemas"]["Dashboard"];

function DashboardFigures({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const stats = useStageStats(data.pipeline_distribution.pipeline_id);
  return (
            <>
              <section className="kpis" aria-label={t("reports.dashboard.kpis")}>
                <Kpi label={t("reports.dashboard.leads")} value={formatNumber(data.leads, language)} />
                <Kpi label={t("reports.dashboard.activeCustomers")} value={formatNumber(data.active_customers, language)} />
                <Kpi label={t("reports.dashboard.conversion")} value={percent(data.conversion_rate, language)} />
                <Kpi label={t("reports.dashboard.openDeals", { count: data.open_deals.count })}
                  value={<MoneyTotals totals={data.open_deals.value} />} />
                <Kpi label={t("reports.dashboard.wonDeals", { count: data.won_deals.count })}
                  value={<MoneyTotals totals={data.won_deals.value} />} />
                <Kpi label={t("reports.dashboard.winRate")} value={percent(stats.data?.win_rate, language)} />
              </section>
              {data.unconverted_currencies.length > 0 && (
                <p className="notice" role="status">
                  {t("reports.unconverted", { currencies: data.unconverted_currencies.join(", ") })}
                </p>
              )}
              <div className="report-columns">
                <section>
                  <h2>{t("reports.dashboard.customersByStatus")}</h2>
                  <FigureTable label={t("reports.dashboard.customersByStatus")}
                    rows={STATUSES.map((status) => ({ status, count: data.customers_by_status[status] ?? 0 }))}
                    rowKey={(row) => row.status} rowHeaderLabel={t("reports.dashboard.status")}
                    rowHeader={(row) => <Link to={`/customers?status=${row.status}`}>{t(`status.${row.status}`)}</Link>}
                    columns={[{ header: t("reports.dashboard.count"), numeric: true,
                      cell: (row) => formatNumber(row.count, language) }]} />
                </section>
                <section>
                  <h2>{t("reports.dashboard.distribution", { name: data.pipeline_distribution.pipeline_name })}</h2>
                  <FigureTable label={t("reports.dashboard.distribution", { name: data.pipeline_distribution.pipeline_name })}
                    rows={data.pipeline_distribution.stages} rowKey={(row) => row.id}
                    rowHeaderLabel={t("reports.dashboard.stage")}
                    rowHeader={(row) => <Link to={`/deals?pipeline=${data.pipeline_distribution.pipeline_id}`}>{row.name}</Link>}
                    columns={[
                      { header: t("reports.dashboard.count"), numeric: true, cell: (row) => formatNumber(row.count, language) },
                      { header: t("reports.dashboard.averageDays"), numeric: true, cell: (row) => {
                        const days = stats.data?.stages.find((s) => s.id === row.id)?.average_days;
                        return days === null || days === undefined ? "—" : formatNumber(Math.round(days * 10) / 10, language);
                      } },
                    ]} />
                </section>
              </div>
            </>
  );
}
