import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { LINK_FORM_FIELDS, toLinkUpdate, toLinkValues, type LinkField } from "../logic/linkForm";
import { useUpdateLink, type PartnerLink } from "../linksApi";
import { LinkFields } from "./LinkFields";

/** A link's destination, campaign and UTM fields, saved with If-Match on the version shown. */
export function EditLinkForm({ link, onDone }: { link: PartnerLink; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateLink(link);
  // The version and values the form opened with: a change saved meanwhile by someone else is a 412, not overwritten.
  const [loaded] = useState(() => ({ version: link.version, values: toLinkValues(link) }));
  const [values, setValues] = useState(loaded.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    const changes = toLinkUpdate(values, loaded.values);
    if (Object.keys(changes).length === 0) return onDone();
    try {
      await update.mutateAsync({ update: changes, version: loaded.version });
      notify(t("partners.linkSaved", { code: link.code }));
      onDone();
    } catch (error) {
      const shown = toUserError(error, t, LINK_FORM_FIELDS);
      setErrors(shown.fields);
      setBanner(shown.conflict ? t("partners.linkChanged") : shown.message);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("partners.editLink", { code: link.code })}>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <LinkFields values={values} errors={errors} withCode={false}
        onChange={(field: LinkField, value) => setValues((all) => ({ ...all, [field]: value }))} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" onClick={onDone}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
