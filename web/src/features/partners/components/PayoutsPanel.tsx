import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatDate, formatMoney } from "@/i18n/format";
import { usePayouts } from "../moneyApi";
import { PayoutActions } from "./PayoutActions";

const WRAP = { whiteSpace: "normal", overflowWrap: "anywhere" } as const;

/** A partner's payouts, newest first, with their state; managers mark a created one paid or cancel it. */
export function PayoutsPanel({ partnerId, manages }: { partnerId: string; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const payouts = usePayouts(partnerId);
  return (
    <section className="panel" aria-labelledby="payouts-title">
      <h2 id="payouts-title">{t("partners.payouts.title")}</h2>
      {payouts.isPending ? <Spinner label={t("app.loading")} />
        : payouts.isError ? <ErrorState error={payouts.error} onRetry={() => void payouts.refetch()} />
        : payouts.data.results.length === 0 ? <EmptyState><p>{t("partners.payouts.empty")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.payouts.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.payouts.createdAt")}</th>
                  <th scope="col" className="num">{t("partners.commissions.amount")}</th>
                  <th scope="col">{t("partners.status")}</th>
                  <th scope="col" className="col-wide">{t("partners.payouts.reference")}</th>
                  {manages && <th scope="col">{t("partners.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {payouts.data.results.map((payout) => (
                  <tr key={payout.id}>
                    <td>{formatDate(payout.created_at, language)}</td>
                    <td className="num">{formatMoney(payout.amount, payout.currency, language)}</td>
                    <td style={WRAP}>
                      <span className="nowrap">{t(`partners.payouts.statuses.${payout.status}`)}</span>
                      {payout.paid_at && <small className="muted"> {formatDate(payout.paid_at, language)}</small>}
                    </td>
                    <td className="col-wide" style={WRAP}>{payout.reference ?? ""}</td>
                    {manages && <td>{payout.status === "created" && <PayoutActions payout={payout} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
