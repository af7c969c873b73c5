import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CustomerPanelProps } from "@/app/feature";
import { ErrorState, Spinner } from "@/components/States";
import { formatMoney, formatNumber, formatRelative } from "@/i18n/format";
import { useFigures, useSubAccounts } from "../api";
import "../accounts.css";

/** An organization's figures, from running totals (a few reads however many deals it has), and its
 * sub-accounts. */
export default function FiguresPanel({ customer }: CustomerPanelProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const organization = customer.kind === "organization";
  const figures = useFigures(customer.id, organization);
  const subs = useSubAccounts(organization ? customer.id : "");
  if (!organization) return null;
  const money = (amounts: Record<string, { count: number; value: string }>) => {
    const entries = Object.entries(amounts);
    return entries.length === 0 ? t("accounts.noDeals") : entries.map(([currency, cell]) =>
      t("accounts.dealsIn", { count: cell.count, value: formatMoney(cell.value, currency, language) })).join(" · ");
  };
  return (
    <section className="panel figures-panel" aria-labelledby="figures-title">
      <h2 id="figures-title">{t("accounts.figures")}</h2>
      {figures.isPending ? <Spinner label={t("app.loading")} />
        : figures.isError ? <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
          : (
            <dl className="figures">
              <dt>{t("accounts.people")}</dt><dd>{formatNumber(figures.data.people_count, language)}</dd>
              <dt>{t("accounts.openDeals")}</dt><dd>{money(figures.data.open_deals)}</dd>
              <dt>{t("accounts.wonDeals")}</dt><dd>{money(figures.data.won_deals)}</dd>
              <dt>{t("accounts.wonValue")}</dt>
              <dd>{formatMoney(figures.data.won_value, figures.data.base_currency, language)}</dd>
              <dt>{t("accounts.lifetimeValue")}</dt>
              <dd>{formatMoney(figures.data.lifetime_value, figures.data.base_currency, language)}</dd>
              <dt>{t("accounts.lastActivity")}</dt>
              <dd>{figures.data.last_activity_at ? formatRelative(figures.data.last_activity_at, language) : t("common.none")}</dd>
              <dt>{t("accounts.subAccounts")}</dt><dd>{formatNumber(figures.data.sub_accounts, language)}</dd>
            </dl>
          )}
      {(subs.data?.results.length ?? 0) > 0 && (
        <ul className="related sub-accounts" aria-label={t("accounts.subAccounts")}>
          {subs.data!.results.map((sub) => (
            <li key={sub.id}><Link to={`/customers/${sub.id}`}>{sub.name}</Link></li>
          ))}
        </ul>
      )}
    </section>
  );
}
