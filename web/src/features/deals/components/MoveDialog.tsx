/** The keyboard's way to move a card: a dialog listing the other stages; a lost stage asks for the reason. Also
 * asks for the reason when a card is dropped on a lost column. */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Card, Column } from "../logic/board";

interface Props {
  card: Card | null;
  columns: Column[];
  /** Where the card is now. */
  from: string | null;
  /** Chosen already (a drop on a lost column): only the reason is asked. */
  to?: string | null;
  onMove: (toStage: string, reason?: string) => void;
  onClose: () => void;
}

export function MoveDialog({ card, columns, from, to, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const targets = columns.filter((column) => column.id !== from);
  const [stage, setStage] = useState("");
  const [reason, setReason] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (card && !dialog.open) {
      setStage(to ?? targets[0]?.id ?? "");
      setReason("");
      dialog.showModal();
    } else if (!card && dialog.open) dialog.close();
  }, [card, to]); // the targets follow the card; they need not restart the dialog

  const chosen = columns.find((column) => column.id === stage);
  const needsReason = chosen?.kind === "lost";

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || (needsReason && !reason.trim())) return;
    onMove(chosen.id, needsReason ? reason.trim() : undefined);
  }

  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>
          {to ? t("deals.move.lostTitle", { title: card?.title ?? "" }) : t("deals.move.title", { title: card?.title ?? "" })}
        </h2>
        {!to && (
          <div className="field">
            <label htmlFor={`${id}-stage`}>{t("deals.move.stage")}</label>
            <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value)}>
              {targets.map((column) => (
                <option key={column.id} value={column.id}>
                  {column.name}{column.kind !== "open" ? ` (${t(`deals.kind.${column.kind}`)})` : ""}
                </option>
              ))}
            </select>
          </div>
        )}
        {needsReason && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t("deals.move.reason")}</label>
            <textarea id={`${id}-reason`} value={reason} required maxLength={1000} rows={3}
              onChange={(e) => setReason(e.target.value)} />
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!chosen || (needsReason && !reason.trim())}>
            {needsReason ? t("deals.move.markLost") : t("deals.move.confirm")}
          </button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
