import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { TextArea, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { PROGRAMME_FORM_FIELDS, toProgrammeUpdate, toProgrammeValues, type ProgrammeFormValues } from "../logic/programmeForm";
import { useSaveProgramme, type PartnerProgramme } from "../programmeApi";

/** The programme's settings; admins change them, managers read them. */
export function ProgrammeSettingsForm({ programme, editable }: { programme: PartnerProgramme; editable: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveProgramme();
  const [values, setValues] = useState(() => toProgrammeValues(programme));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = (field: keyof ProgrammeFormValues) => (value: string) => setValues((all) => ({ ...all, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    try {
      const saved = await save.mutateAsync(toProgrammeUpdate(values));
      setValues(toProgrammeValues(saved));
      notify(t("partners.settings.saved"));
    } catch (error) {
      const shown = toUserError(error, t, PROGRAMME_FORM_FIELDS);
      setErrors(shown.fields);
      setBanner(shown.message);
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="programme-title">
      <h2 id="programme-title">{t("partners.settings.programme")}</h2>
      {!editable && <p className="notice">{t("partners.settings.adminsOnly")}</p>}
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <TextArea label={t("partners.settings.hosts")} rows={4} value={values.allowed_hosts} disabled={!editable}
        hint={t("partners.settings.hostsHint")} error={errors.allowed_hosts}
        onChange={(e) => set("allowed_hosts")(e.target.value)} />
      <div className="filters">
        <TextField label={t("partners.settings.window")} inputMode="numeric" value={values.attribution_window_days}
          disabled={!editable} hint={t("partners.settings.windowHint")} error={errors.attribution_window_days}
          onChange={(e) => set("attribution_window_days")(e.target.value)} />
        <TextField label={t("partners.settings.hold")} inputMode="numeric" value={values.hold_days}
          disabled={!editable} hint={t("partners.settings.holdHint")} error={errors.hold_days}
          onChange={(e) => set("hold_days")(e.target.value)} />
        <TextField label={t("partners.settings.parameter")} value={values.click_parameter} disabled={!editable}
          hint={t("partners.settings.parameterHint")} error={errors.click_parameter}
          onChange={(e) => set("click_parameter")(e.target.value)} />
      </div>
      {editable && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t("common.saving") : t("common.save")}
          </button>
        </div>
      )}
    </form>
  );
}
