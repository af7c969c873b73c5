import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { components } from "@/api/schema";
import { MoneyTotals } from "@/components/MoneyTotals";
import { UserName } from "@/components/UserName";
import { ErrorState, Spinner } from "@/components/States";
import { formatNumber } from "@/i18n/format";
import { useForecast, usePipelineList } from "../api";
import { FigureTable, type FigureColumn } from "../components/FigureTable";
import { Kpi } from "../components/Kpi";
import { ReportTabs } from "../components/ReportTabs";
import { chartSeries, monthLabel } from "../logic/chartData";
import "../reports.css";

// The chart library comes with the chart, so it loads only here.
const ForecastChart = lazy(() => import("../components/ForecastChart"));

type Figures = components["schemas"]["ForecastFigures"];

export default function ForecastPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const [params, setParams] = useSearchParams();
  const range = { pipelineId: params.get("pipeline") ?? "", from: params.get("from") ?? "", to: params.get("to") ?? "" };
  const forecast = useForecast(range);
  const pipelines = usePipelineList();
  const report = forecast.data;
  const series = useMemo(() => (report ? chartSeries(report, language) : null), [report, language]);

  function change(key: "pipeline" | "from" | "to", value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const figures: FigureColumn<Figures>[] = [
    { header: t("reports.forecast.openDeals"), cell: (row) => formatNumber(row.deal_count, language), numeric: true },
    { header: t("reports.forecast.pipeline"), cell: (row) => <MoneyTotals totals={row.total_pipeline} />, numeric: true },
    { header: t("reports.forecast.weighted"), cell: (row) => <MoneyTotals totals={row.weighted_forecast} />, numeric: true },
    { header: t("reports.forecast.wonDeals"), cell: (row) => formatNumber(row.won_count, language), numeric: true },
    { header: t("reports.forecast.won"), cell: (row) => <MoneyTotals totals={row.closed_revenue} />, numeric: true },
  ];

  return (
    <div className="page report-page">
      <ReportTabs />
      <h1>{t("reports.forecast.title")}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="forecast-pipeline">{t("reports.pipeline")}</label>
          <select id="forecast-pipeline" value={range.pipelineId || report?.pipeline_id || ""}
            onChange={(e) => change("pipeline", e.target.value)}>
            {pipelines.data?.results.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="forecast-from">{t("reports.forecast.from")}</label>
          <input id="forecast-from" type="month" value={range.from || report?.from_month || ""}
            onChange={(e) => change("from", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="forecast-to">{t("reports.forecast.to")}</label>
          <input id="forecast-to" type="month" value={range.to || report?.to_month || ""}
            onChange={(e) => change("to", e.target.value)} />
        </div>
      </form>
      {forecast.isPending ? <Spinner label={t("app.loading")} />
        : forecast.isError && !report ? <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
          : report && series && (
            <>
              {forecast.isError && <ErrorState error={forecast.error} />}
              <section className="kpis" aria-label={t("reports.forecast.headline")}>
                <Kpi label={t("reports.forecast.openDeals")} value={formatNumber(report.deal_count, language)} />
                <Kpi label={t("reports.forecast.pipeline")} value={<MoneyTotals totals={report.total_pipeline} />} />
                <Kpi label={t("reports.forecast.weighted")} value={<MoneyTotals totals={report.weighted_forecast} />} />
                <Kpi label={t("reports.forecast.won")} value={<MoneyTotals totals={report.closed_revenue} />} />
              </section>
              {report.unconverted_currencies.length > 0 && (
                <p className="notice" role="status">
                  {t("reports.unconverted", { currencies: report.unconverted_currencies.join(", ") })}
                </p>
              )}
              <Suspense fallback={<Spinner label={t("app.loading")} />}>
                <ForecastChart series={series} base={report.total_pipeline.base} />
              </Suspense>
              <h2>{t("reports.forecast.byMonth")}</h2>
              <FigureTable label={t("reports.forecast.byMonth")} rows={report.by_month} rowKey={(row) => row.month}
                rowHeaderLabel={t("reports.forecast.month")} rowHeader={(row) => monthLabel(row.month, language)}
                columns={figures}
                footer={(
                  <tr>
                    <th scope="row">{t("reports.forecast.undated")}</th>
                    {figures.map((column) => (
                      <td key={column.header} className="num">{column.cell(report.undated)}</td>
                    ))}
                  </tr>
                )} />
              <p className="muted">{t("reports.forecast.outsideNote")}</p>
              <div className="report-columns">
                <section>
                  <h2>{t("reports.forecast.byOwner")}</h2>
                  <FigureTable label={t("reports.forecast.byOwner")} rows={report.by_owner}
                    rowKey={(row) => row.owner_id ?? "none"} rowHeaderLabel={t("reports.forecast.owner")}
                    rowHeader={(row) => <UserName uid={row.owner_id} />} columns={figures} />
                </section>
                <section>
                  <h2>{t("reports.forecast.byStage")}</h2>
                  <FigureTable label={t("reports.forecast.byStage")} rows={report.by_stage} rowKey={(row) => row.id}
                    rowHeaderLabel={t("reports.forecast.stage")} rowHeader={(row) => row.name} columns={figures} />
                </section>
              </div>
            </>
          )}
    </div>
  );
}
