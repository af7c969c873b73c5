import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { TextField } from "@/components/fields";

/** A new conversion source: its id (in the postback address) and name. */
export function NewSourceForm({ busy, onCreate }:
  { busy: boolean; onCreate: (id: string, name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ id: "", name: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setBanner(null);
    try {
      await onCreate(values.id.trim(), values.name.trim());
      setValues({ id: "", name: "" });
    } catch (error) {
      const shown = toUserError(error, t, ["id", "name"]);
      setErrors(shown.fields);
      setBanner(shown.message);
    }
  }

  return (
    <form className="filters" onSubmit={(e) => void submit(e)} noValidate aria-label={t("partners.sources.add")}>
      {banner && <p className="notice error" role="alert" style={{ flexBasis: "100%" }}>{banner}</p>}
      <TextField label={t("partners.sources.id")} value={values.id} required error={errors.id}
        hint={t("partners.sources.idHint")} onChange={(e) => setValues((v) => ({ ...v, id: e.target.value }))} />
      <TextField label={t("partners.sources.name")} className="grow" value={values.name} required error={errors.name}
        onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{t("partners.sources.create")}</button>
      </div>
    </form>
  );
}
