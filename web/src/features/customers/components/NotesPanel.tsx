import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { Customer } from "@/api/types";
import { useAccess } from "@/auth/session";
import { userLabel, useUsers } from "@/components/users";
import { formatDateTime } from "@/i18n/format";
import { useAddNote } from "../api";

export function NotesPanel({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const addNote = useAddNote(customer.id, me);
  const users = useUsers();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? "en";
  const notes = [...customer.notes].reverse();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setError(null);
    const typed = text;
    setText("");
    try {
      await addNote.mutateAsync(typed.trim());
    } catch (cause) {
      setText(typed);
      setError(toUserError(cause, t, ["text"]).fields.text ?? toUserError(cause, t).message);
    }
  }

  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("customer.notes")}</h2>
      {me.can("write") && (
        <form onSubmit={submit} className="note-form">
          <div className="field">
            <label htmlFor="new-note">{t("customer.newNote")}</label>
            <textarea id="new-note" rows={3} maxLength={500} value={text} onChange={(e) => setText(e.target.value)}
              aria-invalid={!!error} aria-describedby={error ? "new-note-error" : undefined} />
            {error && <small id="new-note-error" className="error-text">{error}</small>}
          </div>
          <button type="submit" disabled={!text.trim() || addNote.isPending}>{t("customer.addNote")}</button>
        </form>
      )}
      {notes.length === 0 ? (
        <p className="muted">{t("customer.noNotes")}</p>
      ) : (
        <ul className="notes">
          {notes.map((note, index) => (
            <li key={`${note.at}-${index}`}>
              <p>{note.text}</p>
              <small className="muted">
                {t("customer.noteBy", {
                  by: userLabel(note.by, users.data, me.uid, t), at: formatDateTime(note.at, language),
                })}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
