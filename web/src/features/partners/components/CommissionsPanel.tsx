import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { SelectField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDate, formatMoney } from "@/i18n/format";
import { COMMISSION_STATUSES, useApproveCommission, useCommissions, type Commission, type CommissionStatus } from "../moneyApi";
import { LoadMore } from "@/components/LoadMore";

const WRAP = { whiteSpace: "normal" } as const;

/** A partner's commissions, newest first, by status; managers approve a pending one before its hold ends. */
export function CommissionsPanel({ partnerId, manages }: { partnerId: string; manages: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const notify = useNotify();
  const [status, setStatus] = useState<CommissionStatus | "all">("all");
  const list = useCommissions(partnerId, status);
  const approve = useApproveCommission(partnerId);
  const commissions = list.data?.pages.flatMap((page) => page.results) ?? [];

  async function approveOne(commission: Commission) {
    try {
      await approve.mutateAsync(commission.id);
      notify(t("partners.commissions.approved", { amount: formatMoney(commission.amount, commission.currency, language) }));
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <section className="panel" aria-labelledby="commissions-title">
      <h2 id="commissions-title">{t("partners.commissions.title")}</h2>
      <SelectField label={t("partners.commissions.show")} className="status-filter" value={status}
        onChange={(e) => setStatus(e.target.value as CommissionStatus | "all")}
        options={[{ value: "all", label: t("partners.commissions.all") },
          ...COMMISSION_STATUSES.map((s) => ({ value: s, label: t(`partners.commissions.statuses.${s}`) }))]} />
      {list.isPending ? <Spinner label={t("app.loading")} />
        : list.isError && !list.data ? <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        : commissions.length === 0 ? <EmptyState><p>{t("partners.commissions.empty")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.commissions.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.commissions.earned")}</th>
                  <th scope="col" className="num">{t("partners.commissions.amount")}</th>
                  <th scope="col" className="col-wide">{t("partners.commissions.rule")}</th>
                  <th scope="col">{t("partners.status")}</th>
                  {manages && <th scope="col">{t("partners.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {commissions.map((commission) => (
                  <tr key={commission.id}>
                    <td style={WRAP}>
                      {formatDate(commission.earned_at, language)}{" "}
                      <small className="muted">{t(`partners.commissions.types.${commission.conversion_type}`)}</small>
                    </td>
                    <td className="num">{formatMoney(commission.amount, commission.currency, language)}</td>
                    <td className="col-wide" style={WRAP}>{commission.rule}</td>
                    <td style={WRAP}>
                      <span className="nowrap">{t(`partners.commissions.statuses.${commission.status}`)}</span>
                      {commission.status === "pending" && (
                        <small className="muted"> {t("partners.commissions.until",
                          { date: formatDate(commission.approvable_at, language) })}</small>
                      )}
                    </td>
                    {manages && (
                      <td>
                        {commission.status === "pending" && (
                          <button type="button" disabled={approve.isPending} onClick={() => void approveOne(commission)}
                            aria-label={t("partners.commissions.approveOne", {
                              amount: formatMoney(commission.amount, commission.currency, language) })}>
                            {t("partners.commissions.approve")}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <LoadMore pages={list} />
    </section>
  );
}
