import { useTranslation } from "react-i18next";
import { ErrorState, Spinner } from "@/components/States";
import { formatDateTime, formatMoney, formatNumber } from "@/i18n/format";
import { usePartnerReport } from "../api";
import { amountsByCurrency, ratePercent } from "../logic/figures";

/** A partner's figures over the report's months, from the running totals. */
export function FiguresPanel({ partnerId }: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const report = usePartnerReport(partnerId);
  if (report.isPending) return <Spinner label={t("app.loading")} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const { total } = report.data;
  const revenue = amountsByCurrency(total.revenue);
  const rows: [string, string][] = [
    ["partners.clicks", formatNumber(total.clicks, language)],
    ["partners.uniqueClicks", formatNumber(total.unique_clicks, language)],
    ["partners.botClicks", formatNumber(total.bot_clicks, language)],
    ["partners.conversions", formatNumber(total.conversions, language)],
    ["partners.conversionRate", ratePercent(total.conversion_rate, language) ?? t("partners.none")],
    ["partners.revenue", revenue.length === 0 ? t("partners.none")
      : revenue.map(([currency, amount]) => formatMoney(amount, currency, language)).join(", ")],
  ];
  return (
    <section className="panel" aria-labelledby="figures-title">
      <h2 id="figures-title">{t("partners.figures", { from: report.data.from_month, to: report.data.to_month })}</h2>
      <table className="data-table" aria-label={t("partners.figuresTable")}>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}><th scope="row">{t(label)}</th><td>{value}</td></tr>
          ))}
        </tbody>
      </table>
      {report.data.clicks_counted_through && (
        <p className="muted">
          {t("partners.countedThrough", { time: formatDateTime(report.data.clicks_counted_through, language) })}
        </p>
      )}
    </section>
  );
}
