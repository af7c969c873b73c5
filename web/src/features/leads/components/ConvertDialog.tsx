/** Converting a lead: it becomes a prospect and its first deal opens in the deal pipeline chosen, with a title, a
 * value and an expected close if given (the API's defaults otherwise). Used by the lead board and the lead's page. */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toUserError } from "@/api/errors";
import { SelectField, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useConvertLead, useDealPipelines } from "../api";

const FIELDS = ["pipeline_id", "title", "value", "currency", "expected_close_date"] as const;
type Field = (typeof FIELDS)[number];

export interface ConvertLeadProps {
  /** The lead to convert; null: the dialog is closed. */
  lead: { id: string; name: string; organization?: string | null } | null;
  onClose: () => void;
  onConverted?: () => void;
}

export default function ConvertDialog({ lead, onClose, onConverted }: ConvertLeadProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const pipelines = useDealPipelines();
  const convert = useConvertLead();
  const empty: Record<Field, string> = { pipeline_id: "", title: "", value: "", currency: "", expected_close_date: "" };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (lead && !dialog.open) {
      setValues(empty);
      setErrors({});
      setMessage(null);
      dialog.showModal();
    } else if (!lead && dialog.open) dialog.close();
  }, [lead]);

  const set = (field: Field) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!lead) return;
    setErrors({});
    setMessage(null);
    const text = (field: Field) => values[field].trim() || null;
    try {
      const converted = await convert.mutateAsync({ customerId: lead.id, conversion: {
        pipeline_id: text("pipeline_id"), title: text("title"), value: text("value")?.replace(",", ".") ?? null,
        currency: text("currency")?.toUpperCase() ?? null, expected_close_date: text("expected_close_date"),
      } });
      notify(t("leads.convert.done", { name: lead.name, title: converted.deal.title }), {
        action: { label: t("leads.convert.openDeal"), run: () => void navigate(`/deals/${converted.deal.id}`) },
      });
      onConverted?.();
      onClose();
    } catch (failure) {
      const shown = toUserError(failure, t, FIELDS);
      setErrors(shown.fields);
      setMessage(Object.keys(shown.fields).length ? null : shown.message);
    }
  }

  const name = lead ? lead.organization || lead.name : "";
  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose} onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-title`}>{t("leads.convert.title", { name: lead?.name ?? "" })}</h2>
        <p className="muted">{t("leads.convert.explain")}</p>
        <SelectField label={t("leads.convert.pipeline")} value={values.pipeline_id} onChange={set("pipeline_id")}
          error={errors.pipeline_id} options={[
            { value: "", label: t("leads.convert.defaultPipeline") },
            ...(pipelines.data?.results ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]} />
        <TextField label={t("leads.convert.dealTitle")} value={values.title} onChange={set("title")} maxLength={200}
          placeholder={t("leads.convert.titlePlaceholder", { name })} error={errors.title} />
        <div className="grid">
          <TextField label={t("leads.convert.value")} value={values.value} onChange={set("value")} inputMode="decimal"
            error={errors.value} />
          <TextField label={t("leads.convert.currency")} value={values.currency} onChange={set("currency")}
            maxLength={3} hint={t("leads.convert.currencyHint")} error={errors.currency} />
          <TextField label={t("leads.convert.expectedClose")} type="date" value={values.expected_close_date}
            onChange={set("expected_close_date")} error={errors.expected_close_date} />
        </div>
        {message && <p className="error-text" role="alert">{message}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={convert.isPending}>{t("leads.convert.confirm")}</button>
          <button type="button" onClick={onClose}>{t("common.cancel")}</button>
        </div>
      </form>
    </dialog>
  );
}
