/** The keyboard's way to move a card: a dialog listing where it may go; a target that needs a reason (a lost stage)
 * asks for it. Also asks only the reason when a card was dropped on such a column. */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

export interface MoveTarget {
  /** Passed back to ``onMove``: a stage id, or whatever the board encodes (a stage and substage). */
  value: string;
  label: string;
  needsReason?: boolean;
}

export interface MoveTexts {
  title: string;
  /** The title when the target is chosen already and only the reason is asked. */
  reasonTitle: string;
  target: string;
  reason: string;
  confirm: string;
  confirmWithReason: string;
}

interface Props {
  open: boolean;
  targets: MoveTarget[];
  /** Chosen already (a drop on a lost column): only the reason is asked. */
  chosen?: string | null;
  texts: MoveTexts;
  onMove: (target: string, reason?: string) => void;
  onClose: () => void;
}

export function MoveDialog({ open, targets, chosen, texts, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setValue(chosen ?? targets[0]?.value ?? "");
      setReason("");
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, chosen]); // the targets follow the card; they need not restart the dialog

  const target = targets.find((candidate) => candidate.value === value);
  const needsReason = !!target?.needsReason;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || (needsReason && !reason.trim())) return;
    onMove(target.value, needsReason ? reason.trim() : undefined);
  }

  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{chosen ? texts.reasonTitle : texts.title}</h2>
        {!chosen && (
          <div className="field">
            <label htmlFor={`${id}-target`}>{texts.target}</label>
            <select id={`${id}-target`} value={value} onChange={(e) => setValue(e.target.value)}>
              {targets.map((candidate) => (
                <option key={candidate.value} value={candidate.value}>{candidate.label}</option>
              ))}
            </select>
          </div>
        )}
        {needsReason && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{texts.reason}</label>
            <textarea id={`${id}-reason`} value={reason} required maxLength={1000} rows={3}
              onChange={(e) => setReason(e.target.value)} />
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!target || (needsReason && !reason.trim())}>
            {needsReason ? texts.confirmWithReason : texts.confirm}
          </button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
