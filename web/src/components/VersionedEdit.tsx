/** Editing a versioned record in a form: saved with If-Match on the version the form was loaded at. While the user
 * has unsaved changes, changes by others do not touch the form (a notice says so); a save that finds the record
 * changed (412) offers to load the other version, keeping every field the user changed. */
import { useEffect, useRef, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { toUserError, type Translate } from "@/api/errors";
import { showFieldErrors } from "./fields";

interface Versioned {
  version: string;
}

export interface VersionedEdit<V> {
  /** The version and values the form was loaded at: send this version in If-Match, diff against these values. */
  loaded: { version: string; values: V };
  conflict: boolean;
  banner: string | null;
  changedElsewhere: boolean;
  /** The save went through: the form now holds ``record``. */
  saved: (record: Versioned) => void;
  /** The save was refused: the message, the fields' errors, and whether it was a conflict. */
  failed: (error: unknown, t: Translate, formFields: readonly string[]) => void;
  /** After a 412: load the record as it is now, keeping what the user changed. */
  loadTheirVersion: () => Promise<void>;
  clearBanner: () => void;
}

export function useVersionedEdit<R extends Versioned, V extends FieldValues>(
  form: UseFormReturn<V>,
  record: R,
  toValues: (record: R) => V,
  reload: () => Promise<R | undefined>,
): VersionedEdit<V> {
  const loaded = useRef({ version: record.version, values: toValues(record) });
  const [conflict, setConflict] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const latest = useRef(toValues);
  latest.current = toValues;

  useEffect(() => {
    if (record.version === loaded.current.version) return;
    if (form.formState.isDirty) {
      setChangedElsewhere(true);
      return;
    }
    loaded.current = { version: record.version, values: latest.current(record) };
    form.reset(loaded.current.values);
    setChangedElsewhere(false);
  }, [record, form]);

  return {
    get loaded() {
      return loaded.current;
    },
    conflict,
    banner,
    changedElsewhere,
    saved: (saved) => {
      loaded.current = { version: saved.version, values: latest.current(saved as R) };
      form.reset(loaded.current.values);
      setChangedElsewhere(false);
      setConflict(false);
      setBanner(null);
    },
    failed: (error, t, formFields) => {
      const shown = toUserError(error, t, formFields);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    },
    loadTheirVersion: async () => {
      const fresh = await reload();
      if (!fresh) return;
      const values = latest.current(fresh);
      // What the user changed stays; every field they did not touch takes the saved value.
      form.reset(values, { keepDirtyValues: true });
      loaded.current = { version: fresh.version, values };
      setConflict(false);
      setBanner(null);
      setChangedElsewhere(false);
    },
    clearBanner: () => setBanner(null),
  };
}

interface NoticeTexts {
  conflictTitle: string;
  conflictBody: string;
  reload: string;
  changedElsewhere: string;
}

/** What the form says above its fields: a conflict with its way out, a refusal, or a change made by someone else. */
export function SaveNotices({ edit, texts }: { edit: VersionedEdit<FieldValues>; texts: NoticeTexts }) {
  if (edit.conflict) {
    return (
      <div className="notice warning" role="alert">
        <strong>{texts.conflictTitle}</strong>
        <p>{texts.conflictBody}</p>
        <button type="button" className="primary" onClick={() => void edit.loadTheirVersion()}>{texts.reload}</button>
      </div>
    );
  }
  if (edit.banner) return <p className="notice error" role="alert">{edit.banner}</p>;
  if (edit.changedElsewhere) return <p className="notice" role="status">{texts.changedElsewhere}</p>;
  return null;
}
