/** An admin's form to rename a tag, or merge it into another, on every record that carries it. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { SelectField, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useRetag, type Tag, type TagJob } from "../api";

export function RetagForm({ tags }: { tags: Tag[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [source, setSource] = useState("");
  const [name, setName] = useState("");
  const [into, setInto] = useState("");
  const [progress, setProgress] = useState<TagJob | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const retag = useRetag(setProgress);
  const options = [{ value: "", label: t("tags.choose") }, ...tags.map((tag) => ({ value: tag.id, label: tag.name }))];

  async function submit(event: FormEvent, merge: boolean) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    try {
      const job = await retag.mutateAsync(merge ? { id: source, into } : { id: source, name });
      const values = { from: job.from_tag, to: job.to_tag, changed: job.changed };
      notify(t(job.status === "done" ? "tags.done" : "tags.runningToast", values));
      setName("");
      setInto("");
      setSource("");
    } catch (error) {
      const shown = toUserError(error, t, ["name", "into"]);
      setErrors(shown.fields);
      setBanner(Object.keys(shown.fields).length ? null : shown.message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="filters" aria-label={t("tags.change")} onSubmit={(e) => void submit(e, !!into)} noValidate>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <SelectField label={t("tags.tag")} value={source} options={options} onChange={(e) => setSource(e.target.value)} />
      <TextField label={t("tags.newName")} value={name} error={errors.name} maxLength={50}
        onChange={(e) => { setName(e.target.value); setInto(""); }} />
      <div className="form-actions">
        <button type="button" disabled={!source || !name.trim() || retag.isPending}
          onClick={(e) => void submit(e, false)}>{t("tags.rename")}</button>
      </div>
      <SelectField label={t("tags.into")} value={into} error={errors.into}
        options={options.filter((o) => o.value !== source)} onChange={(e) => { setInto(e.target.value); setName(""); }} />
      <div className="form-actions">
        <button type="button" disabled={!source || !into || retag.isPending}
          onClick={(e) => void submit(e, true)}>{t("tags.merge")}</button>
      </div>
      {progress && <p role="status">{t("tags.working", { changed: progress.changed })}</p>}
    </form>
  );
}
