import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { errorAt, showFieldErrors, TextArea, TextField } from "@/components/fields";
import { useNotify } from "@/components/Toasts";
import { useUpdatePerson, type Person } from "../api";
import { PERSON_FORM_FIELDS, toFormValues, toUpdate, type PersonFormValues } from "../logic/personForm";
import { ChannelsEditor } from "./ChannelsEditor";

/** A person's fields, saved as a PATCH of what changed with If-Match; a 412 offers the other version, keeping
 * what the user typed; changes by others show at once while the form is untouched. */
export function PersonForm({ person, reload }: { person: Person; reload: () => Promise<Person | undefined> }) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const editable = me.can("write");
  const form = useForm<PersonFormValues>({ defaultValues: toFormValues(person) });
  const loaded = useRef({ version: person.version, values: toFormValues(person) });
  const [conflict, setConflict] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const update = useUpdatePerson(person.id);
  const { isDirty, errors } = form.formState;

  useEffect(() => {
    if (person.version === loaded.current.version || form.formState.isDirty) return;
    loaded.current = { version: person.version, values: toFormValues(person) };
    form.reset(loaded.current.values);
  }, [person, form]);

  async function save(values: PersonFormValues) {
    setBanner(null);
    const changes = toUpdate(values, loaded.current.values);
    if (Object.keys(changes).length === 0) return form.reset(values);
    try {
      const saved = await update.mutateAsync({ update: changes, version: loaded.current.version });
      loaded.current = { version: saved.version, values: toFormValues(saved) };
      form.reset(loaded.current.values);
      notify(t("people.saved"));
    } catch (error) {
      const shown = toUserError(error, t, PERSON_FORM_FIELDS);
      setConflict(shown.conflict);
      setBanner(shown.message);
      showFieldErrors(form.setError, shown);
    }
  }

  async function loadTheirVersion() {
    const fresh = await reload();
    if (!fresh) return;
    const values = toFormValues(fresh);
    form.reset(values, { keepDirtyValues: true });
    loaded.current = { version: fresh.version, values };
    setConflict(false);
    setBanner(null);
  }

  const error = (path: string) => errorAt(errors, path);
  return (
    <FormProvider {...form}>
      <form className="person-form panel" onSubmit={form.handleSubmit(save)} noValidate aria-labelledby="person-details">
        <h2 id="person-details">{t("people.details")}</h2>
        {!editable && <p className="muted">{t("people.viewOnly")}</p>}
        {conflict ? (
          <div className="notice warning" role="alert">
            <strong>{t("people.conflictTitle")}</strong>
            <p>{t("people.conflictBody")}</p>
            <button type="button" className="primary" onClick={() => void loadTheirVersion()}>{t("people.reload")}</button>
          </div>
        ) : banner ? <p className="notice error" role="alert">{banner}</p> : null}
        <fieldset className="grid" disabled={!editable}>
          <TextField label={t("people.firstName")} autoComplete="off" {...form.register("first_name")}
            error={error("first_name")} />
          <TextField label={t("people.lastName")} autoComplete="off" {...form.register("last_name")}
            error={error("last_name")} />
          <TextField label={t("people.jobTitle")} {...form.register("job_title")} error={error("job_title")} />
          <TextField label={t("people.department")} {...form.register("department")} error={error("department")} />
          {me.assigns_owners && (
            <TextField label={t("people.ownerField")} {...form.register("owner_id")} error={error("owner_id")} />
          )}
        </fieldset>
        <ChannelsEditor editable={editable} />
        <fieldset className="group flags" disabled={!editable}>
          <label className="check"><input type="checkbox" {...form.register("primary")} />{t("people.primaryPerson")}</label>
          <label className="check"><input type="checkbox" {...form.register("do_not_call")} />{t("people.doNotCall")}</label>
          <label className="check"><input type="checkbox" {...form.register("email_opt_out")} />{t("people.emailOptOut")}</label>
        </fieldset>
        <TextArea label={t("people.notes")} rows={4} disabled={!editable} {...form.register("notes")}
          error={error("notes")} />
        {editable && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending || !isDirty}>
              {update.isPending ? t("common.saving") : t("common.save")}
            </button>
            {isDirty && (
              <>
                <button type="button" onClick={() => form.reset(loaded.current.values)}>{t("common.cancel")}</button>
                <span className="muted">{t("people.unsaved")}</span>
              </>
            )}
          </div>
        )}
      </form>
    </FormProvider>
  );
}
