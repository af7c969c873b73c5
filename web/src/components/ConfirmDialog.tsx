/** A modal question on the native <dialog> (focus trapped and restored by the browser), with an optional text. */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** When given, the dialog asks for a text (e.g. a reason) and passes it on. */
  textLabel?: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: (text: string) => void;
  onClose: () => void;
  /** More to ask, above the buttons (e.g. where records go). */
  children?: ReactNode;
}

export function ConfirmDialog({
  open, title, confirmLabel, textLabel, danger, busy, error, onConfirm, onClose, children,
}: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setText("");
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (textLabel && !text.trim()) return;
    onConfirm(text.trim());
  }

  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {textLabel && (
          <div className="field">
            <label htmlFor={`${id}-text`}>{textLabel}</label>
            <textarea id={`${id}-text`} value={text} required maxLength={500} rows={3}
              onChange={(e) => setText(e.target.value)} />
          </div>
        )}
        {children}
        {error && <p className="error-text" role="alert">{error}</p>}
        <div className="actions">
          <button type="submit" className={danger ? "danger" : "primary"} disabled={busy || (!!textLabel && !text.trim())}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
