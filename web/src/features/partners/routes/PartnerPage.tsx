import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatDateTime, formatMoney, formatNumber } from "@/i18n/format";
import { usePartner, usePartnerLinks, usePartnerReport, usePartnerWallets } from "../api";
import { amountsByCurrency, ratePercent, trackedUrl } from "../logic/figures";

const BUCKETS = ["pending", "approved", "in_payout", "paid", "reversed"] as const;

export default function PartnerPage() {
  const { t, i18n } = useTranslation();
  const { partnerId = "" } = useParams();
  const partner = usePartner(partnerId);
  const language = i18n.resolvedLanguage ?? "en";

  if (partner.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (partner.isError) {
    return <div className="page"><ErrorState error={partner.error} onRetry={() => void partner.refetch()} /></div>;
  }
  const record = partner.data;
  return (
    <div className="page partner-page">
      <p><Link to="/partners">{t("partners.back")}</Link></p>
      <header className="customer-head">
        <h1>{record.name}</h1>
        <p className="facts">
          {[record.company, record.email, t(`partners.statuses.${record.status}`)].filter(Boolean).join(" · ")}
        </p>
      </header>
      <Wallets partnerId={partnerId} language={language} />
      <Figures partnerId={partnerId} language={language} />
      <Links partnerId={partnerId} />
    </div>
  );
}

function Wallets({ partnerId, language }: { partnerId: string; language: string }) {
  const { t } = useTranslation();
  const wallets = usePartnerWallets(partnerId);
  return (
    <section className="panel" aria-labelledby="wallets-title">
      <h2 id="wallets-title">{t("partners.wallets")}</h2>
      {wallets.isPending ? <Spinner label={t("app.loading")} />
        : wallets.isError ? <ErrorState error={wallets.error} onRetry={() => void wallets.refetch()} />
        : wallets.data.results.length === 0 ? <EmptyState><p>{t("partners.noWallets")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.wallets")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.balance")}</th>
                  {wallets.data.results.map((wallet) => (
                    <th scope="col" className="num" key={wallet.currency}>{wallet.currency}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {BUCKETS.map((bucket) => (
                  <tr key={bucket}>
                    <th scope="row">{t(`partners.buckets.${bucket}`)}</th>
                    {wallets.data.results.map((wallet) => (
                      <td key={wallet.currency} className="num">
                        {formatMoney(wallet[bucket], wallet.currency, language)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

function Figures({ partnerId, language }: { partnerId: string; language: string }) {
  const { t } = useTranslation();
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

function Links({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const links = usePartnerLinks(partnerId);
  return (
    <section className="panel" aria-labelledby="links-title">
      <h2 id="links-title">{t("partners.links")}</h2>
      {links.isPending ? <Spinner label={t("app.loading")} />
        : links.isError ? <ErrorState error={links.error} onRetry={() => void links.refetch()} />
        : links.data.results.length === 0 ? <EmptyState><p>{t("partners.noLinks")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.links")}>
              <thead>
                <tr>
                  <th scope="col" className="col-wide">{t("partners.code")}</th>
                  <th scope="col">{t("partners.trackedUrl")}</th>
                  <th scope="col" className="col-wide">{t("partners.destination")}</th>
                  <th scope="col">{t("partners.status")}</th>
                </tr>
              </thead>
              <tbody>
                {links.data.results.map((link) => (
                  <tr key={link.id}>
                    <td className="col-wide">{link.code}</td>
                    <td title={trackedUrl(window.location.origin, link.code)}
                      style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>
                      <code>{trackedUrl(window.location.origin, link.code)}</code>
                    </td>
                    <td className="col-wide">{link.destination}</td>
                    <td>{t(link.active ? "partners.active" : "partners.inactive")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
