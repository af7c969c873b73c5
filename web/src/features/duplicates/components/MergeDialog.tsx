import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ErrorState, Spinner } from "@/components/States";
import { formatMoney } from "@/i18n/format";
import { useMergePreview, type DuplicatePair, type MergeResult } from "../api";

/** Merging a pair: choose which customer stays, see what moves to it and what it becomes, then confirm. */
export function MergeDialog({ pair, currency, onClose, onMerged, merge }: {
  pair: DuplicatePair | null;
  currency: string;
  onClose: () => void;
  onMerged: (result: MergeResult) => void;
  merge: { run: (target: string, absorbed: string) => Promise<MergeResult>; busy: boolean };
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [survivor, setSurvivor] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const target = pair?.customers[survivor];
  const absorbed = pair?.customers[1 - survivor];
  const preview = useMergePreview(target?.id ?? "", absorbed?.id ?? "", !!pair);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pair && !dialog.open) {
      setSurvivor(0);
      setError(null);
      dialog.showModal();
    } else if (!pair && dialog.open) dialog.close();
  }, [pair]);

  async function confirm() {
    if (!target || !absorbed) return;
    setError(null);
    try {
      onMerged(await merge.run(target.id, absorbed.id));
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  const moving = preview.data?.absorbed[0];
  const combined = preview.data?.combined;
  const problems = preview.data?.problems ?? [];
  return (
    <dialog ref={ref} className="merge-dialog" aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      {pair && target && absorbed && (
        <div>
          <h2 id={`${id}-title`}>{t("duplicates.mergeTitle")}</h2>
          <fieldset className="survivor">
            <legend>{t("duplicates.keep")}</legend>
            {pair.customers.map((customer, index) => (
              <label key={customer.id} className="check">
                <input type="radio" name={`${id}-survivor`} checked={survivor === index}
                  onChange={() => setSurvivor(index)} />
                {customer.name} <small className="muted">({customer.id})</small>
              </label>
            ))}
          </fieldset>
          <p>{t("duplicates.explain", { absorbed: absorbed.name, target: target.name })}</p>
          {preview.isPending ? <Spinner label={t("app.loading")} />
            : preview.isError ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
              : moving && combined && (
                <table className="data-table merge-table">
                  <caption className="visually-hidden">{t("duplicates.whatMoves")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("duplicates.what")}</th>
                      <th scope="col" className="num">{t("duplicates.moves", { name: absorbed.name })}</th>
                      <th scope="col" className="num">{t("duplicates.after", { name: target.name })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr><th scope="row">{t("duplicates.people")}</th><td className="num">{moving.people}</td><td className="num">—</td></tr>
                    <tr><th scope="row">{t("duplicates.deals")}</th><td className="num">{moving.deals}</td><td className="num">—</td></tr>
                    <tr><th scope="row">{t("duplicates.orders")}</th><td className="num">{moving.orders}</td><td className="num">—</td></tr>
                    <tr><th scope="row">{t("duplicates.activities")}</th><td className="num">{moving.activities}</td><td className="num">—</td></tr>
                    <tr><th scope="row">{t("duplicates.subAccounts")}</th><td className="num">{moving.sub_accounts}</td><td className="num">—</td></tr>
                    <tr><th scope="row">{t("duplicates.contacts")}</th><td className="num">{moving.contacts}</td>
                      <td className="num">{combined.contacts}</td></tr>
                    <tr><th scope="row">{t("duplicates.notes")}</th><td className="num">{moving.notes}</td>
                      <td className="num">{combined.notes}</td></tr>
                    <tr><th scope="row">{t("duplicates.ownedItems")}</th><td className="num">{moving.owned_items}</td>
                      <td className="num">{combined.owned_items}</td></tr>
                    <tr><th scope="row">{t("duplicates.tags")}</th><td>{moving.tags.join(", ")}</td>
                      <td>{combined.tags.join(", ")}</td></tr>
                    <tr><th scope="row">{t("duplicates.lifetimeValue")}</th>
                      <td className="num">{formatMoney(moving.lifetime_value, currency, language)}</td>
                      <td className="num">{formatMoney(combined.lifetime_value, currency, language)}</td></tr>
                  </tbody>
                </table>
              )}
          {problems.length > 0 && (
            <div className="notice error" role="alert">
              <strong>{t("duplicates.cannot")}</strong>
              <ul>{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
            </div>
          )}
          <p className="muted">{t("duplicates.undo", { absorbed: absorbed.name })}</p>
          {error && <p className="error-text" role="alert">{error}</p>}
          <div className="actions">
            <button type="button" className="danger" onClick={() => void confirm()}
              disabled={merge.busy || !preview.data || problems.length > 0}>
              {merge.busy ? t("duplicates.merging") : t("duplicates.confirm", { absorbed: absorbed.name, target: target.name })}
            </button>
            <button type="button" onClick={onClose}>{t("common.cancel")}</button>
          </div>
        </div>
      )}
    </dialog>
  );
}
