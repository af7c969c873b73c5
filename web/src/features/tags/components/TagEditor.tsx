import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useUpdateTag, type Tag } from "../api";

interface Props {
  tag: Tag;
  onDone: () => void;
}

/** An admin's edit of one tag in the registry: its colour and description, errors on their fields. */
export function TagEditor({ tag, onDone }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateTag();
  const [color, setColor] = useState(tag.color);
  const [description, setDescription] = useState(tag.description ?? "");
  const [errors, setErrors] = useState<{ color?: string; description?: string; message?: string }>({});

  async function save(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await update.mutateAsync({ id: tag.id, color, description: description.trim() || null });
      notify(t("tags.saved", { name: tag.name }));
      onDone();
    } catch (failure) {
      const shown = toUserError(failure, t, ["color", "description"]);
      setErrors({ ...shown.fields, message: Object.keys(shown.fields).length ? undefined : shown.message });
    }
  }

  return (
    <form className="filters tag-editor" aria-label={t("tags.editTitle", { name: tag.name })}
      onSubmit={(e) => void save(e)} noValidate>
      <TextField label={t("tags.color")} type="color" value={color} error={errors.color}
        onChange={(e) => setColor(e.target.value)} />
      <TextField label={t("tags.description")} className="grow" value={description} maxLength={500}
        error={errors.description} onChange={(e) => setDescription(e.target.value)} />
      {errors.message && <p className="error-text" role="alert">{errors.message}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>{t("tags.saveChanges")}</button>
        <button type="button" onClick={onDone}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
