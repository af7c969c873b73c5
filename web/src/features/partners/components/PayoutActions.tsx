import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import { formatMoney } from "@/i18n/format";
import { usePayoutMove, type Payout } from "../moneyApi";

/** A created payout's two ways out: paid (with the transfer's reference) or cancelled (back to approved). */
export function PayoutActions({ payout }: { payout: Payout }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const move = usePayoutMove(payout.partner_id);
  const [asking, setAsking] = useState<"paid" | "cancel" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const amount = formatMoney(payout.amount, payout.currency, i18n.resolvedLanguage ?? "en");

  async function confirm(reference: string) {
    setError(null);
    try {
      await move.mutateAsync({ id: payout.id, reference: asking === "paid" ? reference : undefined });
      notify(t(asking === "paid" ? "partners.payouts.paidToast" : "partners.payouts.cancelledToast", { amount }));
      setAsking(null);
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  const open = (which: "paid" | "cancel") => () => { setError(null); setAsking(which); };
  return (
    <div className="actions">
      <button type="button" className="primary" onClick={open("paid")}
        aria-label={t("partners.payouts.markPaidOne", { amount })}>{t("partners.payouts.markPaid")}</button>
      <button type="button" onClick={open("cancel")}
        aria-label={t("partners.payouts.cancelOne", { amount })}>{t("partners.payouts.cancel")}</button>
      <ConfirmDialog open={asking === "paid"} title={t("partners.payouts.markPaidOne", { amount })}
        textLabel={t("partners.payouts.reference")} confirmLabel={t("partners.payouts.markPaid")}
        busy={move.isPending} error={error} onConfirm={(text) => void confirm(text)} onClose={() => setAsking(null)} />
      <ConfirmDialog open={asking === "cancel"} title={t("partners.payouts.cancelOne", { amount })}
        confirmLabel={t("partners.payouts.cancel")} danger busy={move.isPending} error={error}
        onConfirm={() => void confirm("")} onClose={() => setAsking(null)}>
        <p>{t("partners.payouts.cancelExplained")}</p>
      </ConfirmDialog>
    </div>
  );
}
