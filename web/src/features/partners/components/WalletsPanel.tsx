import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatMoney } from "@/i18n/format";
import { usePartnerWallets } from "../api";
import { PayoutButton } from "./PayoutButton";

const BUCKETS = ["pending", "approved", "in_payout", "paid", "reversed"] as const;

/** A partner's wallets, a column per currency; managers pay the approved balance out from here. */
export function WalletsPanel({ partnerId, manages }: { partnerId: string; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
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
                {manages && (
                  <tr>
                    <th scope="row">{t("partners.payouts.title")}</th>
                    {wallets.data.results.map((wallet) => (
                      <td key={wallet.currency} className="num">
                        <PayoutButton partnerId={partnerId} currency={wallet.currency} approved={wallet.approved} />
                      </td>
                    ))}
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
