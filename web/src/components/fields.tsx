/** Labelled form controls that show their error under them and tell assistive technology about it. */
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { get, type FieldErrors, type FieldValues, type Path, type UseFormSetError } from "react-hook-form";
import type { UserError } from "@/api/errors";

interface Common {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
}

function Frame({ id, label, error, hint, className, children }: Common & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="error-text">{error}</small>}
    </div>
  );
}

function described(id: string, error?: string, hint?: string) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined };
}

export function TextField({ label, error, hint, className, ref, ...input }:
  Common & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <input id={id} ref={ref} {...described(id, error, hint)} {...input} />
    </Frame>
  );
}

export function TextArea({ label, error, hint, className, ref, ...input }:
  Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <textarea id={id} ref={ref} {...described(id, error, hint)} {...input} />
    </Frame>
  );
}

export function SelectField({ label, error, hint, className, ref, options, ...select }:
  Common & SelectHTMLAttributes<HTMLSelectElement> & {
    ref?: Ref<HTMLSelectElement>;
    options: { value: string; label: string }[];
  }) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} ref={ref} {...described(id, error, hint)} {...select}>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </Frame>
  );
}

/** Put the messages that ``toUserError`` placed on fields onto a react-hook-form form; focuses the first. */
export function showFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, shown: UserError): void {
  Object.entries(shown.fields).forEach(([field, message], index) => {
    setError(field as Path<T>, { type: "server", message }, { shouldFocus: index === 0 });
  });
}

/** The message react-hook-form holds for the field at ``path`` (e.g. "contacts.0.value"). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  return (get(errors, path) as { message?: string } | undefined)?.message;
}
