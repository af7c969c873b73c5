import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { emptyLink, LINK_FORM_FIELDS, toLinkCreate, type LinkField } from "../logic/linkForm";
import { useCreateLink } from "../linksApi";
import { LinkFields } from "./LinkFields";

/** A new tracked link for a partner; a destination the programme does not allow is refused on its field. */
export function NewLinkForm({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateLink(partnerId);
  const [values, setValues] = useState(emptyLink);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    try {
      const created = await create.mutateAsync(toLinkCreate(partnerId, values));
      notify(t("partners.linkCreated", { code: created.code }));
      setValues(emptyLink());
    } catch (error) {
      const shown = toUserError(error, t, LINK_FORM_FIELDS);
      setErrors(shown.fields);
      setBanner(shown.message);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("partners.newLink")}>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <LinkFields values={values} errors={errors} withCode
        onChange={(field: LinkField, value) => setValues((all) => ({ ...all, [field]: value }))} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("common.saving") : t("partners.createLink")}
        </button>
      </div>
    </form>
  );
}
