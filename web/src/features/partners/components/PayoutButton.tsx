import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import { formatMoney } from "@/i18n/format";
import { useCreatePayout } from "../moneyApi";

/** Pay a partner's approved balance in one currency: asks first, then creates the payout (to be marked paid). */
export function PayoutButton({ partnerId, currency, approved }: { partnerId: string; currency: string; approved: string }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const create = useCreatePayout(partnerId);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const amount = formatMoney(approved, currency, i18n.resolvedLanguage ?? "en");

  async function pay() {
    setError(null);
    try {
      const payout = await create.mutateAsync(currency);
      setAsking(false);
      notify(t("partners.payouts.created", { amount: formatMoney(payout.amount, currency, i18n.resolvedLanguage ?? "en") }));
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  return (
    <>
      <button type="button" disabled={!(Number(approved) > 0)} onClick={() => { setError(null); setAsking(true); }}
        aria-label={t("partners.payouts.createIn", { currency })}>
        {t("partners.payouts.create")}
      </button>
      <ConfirmDialog open={asking} title={t("partners.payouts.confirm", { amount })}
        confirmLabel={t("partners.payouts.create")} busy={create.isPending} error={error}
        onConfirm={() => void pay()} onClose={() => setAsking(false)}>
        <p>{t("partners.payouts.explained")}</p>
      </ConfirmDialog>
    </>
  );
}
