/** The forecast chart's series: per month, in the base currency, the open pipeline, its weighted forecast and the
 * revenue won. uPlot plots numbers; the table beside it shows the exact decimal figures. */
import type { components } from "@/api/schema";
import { locale } from "@/i18n/format";

type Forecast = components["schemas"]["Forecast"];

export interface ChartSeries {
  months: string[];
  labels: string[];
  pipeline: number[];
  weighted: number[];
  won: number[];
}

export function monthLabel(month: string, language: string): string {
  const [year, number] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(language), { month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(year, number - 1, 1)));
}

export function chartSeries(forecast: Forecast, language: string): ChartSeries {
  const months = forecast.by_month.map((m) => m.month);
  return {
    months,
    labels: months.map((m) => monthLabel(m, language)),
    pipeline: forecast.by_month.map((m) => Number(m.total_pipeline.total)),
    weighted: forecast.by_month.map((m) => Number(m.weighted_forecast.total)),
    won: forecast.by_month.map((m) => Number(m.closed_revenue.total)),
  };
}
