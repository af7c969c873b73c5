/** The forecast by month as a bar chart (uPlot, loaded with this module only): the open pipeline, its weighted
 * forecast and the revenue won, in the base currency. The same figures are in the table below it. */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatMoney } from "@/i18n/format";
import type { ChartSeries } from "../logic/chartData";

const COLORS = { pipeline: "#90a4ae", weighted: "#1f5fbf", won: "#2e7d32" };

export default function ForecastChart({ series, base }: { series: ChartSeries; base: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return undefined;
    // Grouped bars: each month has three x positions close together, each series a value at its own.
    const bars = uPlot.paths.bars!({ size: [0.9, 48], gap: 1 });
    const offsets = [-0.15, 0, 0.15];
    const values = [series.pipeline, series.weighted, series.won];
    const names = [t("reports.forecast.pipeline"), t("reports.forecast.weighted"), t("reports.forecast.won")];
    const colors = [COLORS.pipeline, COLORS.weighted, COLORS.won];
    const x = series.months.flatMap((_, month) => offsets.map((offset) => month + offset));
    const data: uPlot.AlignedData = [x, ...values.map((own, n) =>
      series.months.flatMap((_, month) => offsets.map((__, slot) => (slot === n ? own[month] : null))))];
    const monthOf = (position: number) => series.labels[Math.round(position)] ?? "";
    const chart = new uPlot({
      width: element.clientWidth || 600,
      height: 280,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.6, Math.max(0, series.months.length - 1) + 0.6] },
        y: { range: (_u, _min, max) => [0, max * 1.1 || 1] },
      },
      axes: [
        { values: (_u, ticks) => ticks.map(monthOf), splits: () => series.months.map((_, month) => month) },
        { values: (_u, ticks) => ticks.map((tick) => formatMoney(tick, base, language)), size: 100 },
      ],
      series: [
        { label: t("reports.forecast.month"), value: (_u, v) => (v === null ? "" : monthOf(v)) },
        ...names.map((label, n) => ({
          label, fill: colors[n], stroke: colors[n], width: 0, paths: bars, spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? "" : formatMoney(v, base, language)),
          points: { show: false },
        })),
      ],
    }, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 280 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series, base, language, t]);

  return (
    <figure className="forecast-chart">
      <div ref={holder} role="img" aria-label={t("reports.forecast.chartLabel", { base })} />
      <figcaption className="muted">{t("reports.forecast.chartCaption", { base })}</figcaption>
    </figure>
  );
}
