/** A record's edit form saved with If-Match: only the changed fields go, errors land on their fields, a 412 offers
 * the other version while keeping what the user changed, and changes made elsewhere fill the form while it is
 * untouched. */
import { useEffect, useRef, useState } from "react";
import {
  useForm, type DefaultValues, type FieldValues, type Path, type PathValue, type UseFormReturn,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { showFieldErrors } from "./fields";
import { renameFields } from "./formErrors";
import { changedFields } from "./keepEdits";

interface Options<R extends { version: string }, V extends FieldValues, U> {
  record: R;
  toValues: (record: R) => V;
  toUpdate: (values: V, loaded: V) => U;
  /** Save the changes at ``version``; resolves to the saved record. */
  save: (update: U, version: string) => Promise<R>;
  /** Fetch the record as it is now (after a 412). */
  reload: () => Promise<R | undefined>;
  /** The API's field names the form places errors on, and the form's own name for some of them. */
  fields: readonly string[];
  renames?: Record<string, string>;
  onSaved?: () => void;
}

export interface RecordForm<V extends FieldValues> {
  form: UseFormReturn<V>;
  submit: () => Promise<void>;
  banner: string | null;
  conflict: boolean;
  loadTheirVersion: () => Promise<void>;
}

export function useRecordForm<R extends { version: string }, V extends FieldValues, U extends object>(
  { record, toValues, toUpdate, save, reload, fields, renames = {}, onSaved }: Options<R, V, U>,
): RecordForm<V> {
  const { t } = useTranslation();
  const form = useForm<V>({ defaultValues: toValues(record) as DefaultValues<V> });
  const loaded = useRef({ version: record.version, values: toValues(record) });
  const [banner, setBanner] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (record.version === loaded.current.version || form.formState.isDirty) return;
    loaded.current = { version: record.version, values: toValues(record) };
    form.reset(loaded.current.values);
  }, [record, form, toValues]);

  async function onValid(values: V) {
    setBanner(null);
    const changes = toUpdate(values, loaded.current.values);
    if (Object.keys(changes).length === 0) return;
    try {
      const saved = await save(changes, loaded.current.version);
      loaded.current = { version: saved.version, values: toValues(saved) };
      form.reset(loaded.current.values);
      onSaved?.();
    } catch (error) {
      const shown = renameFields(toUserError(error, t, fields), renames);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  async function loadTheirVersion() {
    // Every field the user changed since the version they started from keeps what they typed (and stays
    // unsaved); the others take the saved values.
    const typed = form.getValues();
    const mine = changedFields(typed, loaded.current.values);
    const fresh = await reload();
    if (!fresh) return;
    const values = toValues(fresh);
    loaded.current = { version: fresh.version, values };
    form.reset(values);
    for (const field of mine) {
      form.setValue(field as Path<V>, typed[field] as PathValue<V, Path<V>>, { shouldDirty: true });
    }
    setConflict(false);
    setBanner(null);
  }

  return { form, submit: form.handleSubmit(onValid), banner, conflict, loadTheirVersion };
}

/** The message of a refused save; after a 412, the button that loads the other version. */
export function SaveProblem({ banner, conflict, conflictText, reloadText, onReload }: {
  banner: string | null;
  conflict: boolean;
  conflictText: string;
  reloadText: string;
  onReload: () => void;
}) {
  if (!banner) return null;
  return (
    <div className={`notice ${conflict ? "warning" : "error"}`} role="alert">
      <p>{conflict ? conflictText : banner}</p>
      {conflict && <button type="button" onClick={onReload}>{reloadText}</button>}
    </div>
  );
}
