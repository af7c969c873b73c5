import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toUserError } from "@/api/errors";
import type { CustomerPanelProps } from "@/app/feature";
import { useAccess } from "@/auth/session";
import { TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { useLiveSignal } from "@/live/useLiveSignal";
import { peopleKeys, useCreatePerson, useCustomerPeople, useMarkPrimary } from "../api";
import { toCreate } from "../logic/personForm";
import { PersonFlags } from "./PersonFlags";
import "../people.css";

const EMPTY = { first_name: "", last_name: "", job_title: "", email: "", phone: "", primary: false };
type Draft = typeof EMPTY;
const DRAFT_FIELDS = ["first_name", "last_name", "job_title", "email", "phone", "primary"] as const;

/** The customer's contact persons on its page: who they are, how to reach them, which one is primary; add one,
 * make one primary, open one to edit. */
export default function CustomerPeoplePanel({ customer }: CustomerPanelProps) {
  const { t } = useTranslation();
  const me = useAccess();
  const notify = useNotify();
  const people = useCustomerPeople(customer.id);
  const create = useCreatePerson(customer.id);
  const markPrimary = useMarkPrimary();
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const ownerId = me.sees_every_record ? undefined : me.uid;
  useLiveSignal({ kind: "customerPeople", customerId: customer.id, ownerId }, [peopleKeys.ofCustomer(customer.id)]);
  const editable = me.can("write");

  async function add(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setBanner(null);
    try {
      const created = await create.mutateAsync(toCreate(draft));
      notify(t("people.panel.added", { name: created.name }));
      setDraft(EMPTY);
      setAdding(false);
    } catch (error) {
      const shown = toUserError(error, t, DRAFT_FIELDS);
      setErrors(shown.fields);
      setBanner(Object.keys(shown.fields).length ? null : shown.message);
    }
  }

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  const results = people.data?.results ?? [];
  return (
    <section className="panel people-panel" aria-labelledby="people-title">
      <div className="page-head">
        <h2 id="people-title">{t("people.panel.title")}</h2>
        {editable && !adding && (
          <button type="button" onClick={() => setAdding(true)}>{t("people.panel.add")}</button>
        )}
      </div>
      {people.isPending ? <Spinner label={t("app.loading")} />
        : people.isError ? <ErrorState error={people.error} onRetry={() => void people.refetch()} />
          : results.length === 0 ? <EmptyState>{t("people.panel.empty")}</EmptyState> : (
            <ul className="people-list">
              {results.map((person) => (
                <li key={person.id}>
                  <span className="who">
                    <Link to={`/people/${person.id}`} aria-label={t("people.panel.open", { name: person.name })}>
                      {person.name}
                    </Link>
                    {person.job_title && <small>{person.job_title}</small>}
                  </span>
                  <span className="channels">
                    {[person.email, person.phone].filter(Boolean).join(" · ")} <PersonFlags person={person} />
                  </span>
                  <span>
                    {editable && !person.primary && (
                      <button type="button" className="link" disabled={markPrimary.isPending}
                        aria-label={t("people.panel.markPrimaryOf", { name: person.name })}
                        onClick={async () => {
                          try {
                            await markPrimary.mutateAsync(person);
                            notify(t("people.panel.primaryMarked", { name: person.name }));
                          } catch (error) {
                            notify(toUserError(error, t).message, { tone: "error" });
                          }
                        }}>{t("people.panel.markPrimary")}</button>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
      {results.length > 0 && (
        <p><Link to={`/people?customer=${customer.id}`}>{t("people.panel.all")}</Link></p>
      )}
      {adding && (
        <form className="people-add" onSubmit={add} noValidate aria-labelledby="people-add-title">
          <h3 id="people-add-title">{t("people.panel.addTitle")}</h3>
          {banner && <p className="notice error" role="alert">{banner}</p>}
          <div className="grid">
            <TextField label={t("people.firstName")} value={draft.first_name} onChange={set("first_name")}
              error={errors.first_name} autoFocus />
            <TextField label={t("people.lastName")} value={draft.last_name} onChange={set("last_name")}
              error={errors.last_name} />
            <TextField label={t("people.jobTitle")} value={draft.job_title} onChange={set("job_title")}
              error={errors.job_title} />
            <TextField label={t("people.panel.email")} type="email" value={draft.email} onChange={set("email")}
              error={errors.email} />
            <TextField label={t("people.panel.phone")} type="tel" value={draft.phone} onChange={set("phone")}
              error={errors.phone} />
          </div>
          <label className="check">
            <input type="checkbox" checked={draft.primary}
              onChange={(e) => setDraft({ ...draft, primary: e.target.checked })} />
            {t("people.primaryPerson")}
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              {create.isPending ? t("common.saving") : t("common.add")}
            </button>
            <button type="button" onClick={() => { setAdding(false); setDraft(EMPTY); setErrors({}); }}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
