import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { SelectField, TextArea, TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatDateTime, formatNumber } from "@/i18n/format";
import { LEAD_SOURCE_KINDS, useCreateLeadSource, useLeadSources, type LeadSource, type LeadSourceKind } from "../api";
import { IntegrationsNav } from "../components/IntegrationsNav";
import { SecretOnce } from "../components/SecretOnce";
import { parseList } from "../logic/lists";
import "../integrations.css";

export default function LeadSourcesPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const sources = useLeadSources();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("integrations.leadSourcesTitle")}</h1>
        {!adding && <button type="button" className="primary" onClick={() => setAdding(true)}>{t("integrations.addSource")}</button>}
      </div>
      <IntegrationsNav />
      <p className="muted">{t("integrations.leadSourcesIntro")}</p>
      {created && (
        <>
          <SecretOnce secret={created.secret} onClose={() => setCreated(null)} />
          <p><Link to={`/integrations/lead-sources/${created.id}`}>{t("integrations.openSource")}</Link></p>
        </>
      )}
      {adding && <NewSourceForm onDone={(source) => { setAdding(false); if (source) setCreated(source); }} />}
      {sources.isPending ? <Spinner label={t("app.loading")} />
        : sources.isError ? <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />
          : sources.data.results.length === 0 ? <EmptyState>{t("integrations.noSources")}</EmptyState>
            : <SourceTable sources={sources.data.results} language={language} />}
    </div>
  );
}

function SourceTable({ sources, language }: { sources: LeadSource[]; language: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("integrations.leadSourcesTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("integrations.name")}</th>
            <th scope="col" className="col-wide">{t("integrations.kind")}</th>
            <th scope="col">{t("integrations.state")}</th>
            <th scope="col" className="num">{t("integrations.leadsReceived")}</th>
            <th scope="col" className="num col-wide">{t("integrations.duplicatesMatched")}</th>
            <th scope="col" className="num col-wide">{t("integrations.spamBlocked")}</th>
            <th scope="col" className="col-wide">{t("integrations.lastLead")}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id}>
              <th scope="row"><Link to={`/integrations/lead-sources/${source.id}`}>{source.name}</Link></th>
              <td className="col-wide">{t(`integrations.kinds.${source.kind ?? "web_form"}`)}</td>
              <td>
                <span className={`badge hook-${source.enabled === false ? "disabled" : "active"}`}>
                  {t(source.enabled === false ? "integrations.endpointState.disabled" : "integrations.endpointState.active")}
                </span>
              </td>
              <td className="num">{formatNumber(source.leads_received ?? 0, language)}</td>
              <td className="num col-wide">{formatNumber(source.duplicates_matched ?? 0, language)}</td>
              <td className="num col-wide">{formatNumber(source.spam_blocked ?? 0, language)}</td>
              <td className="col-wide">{formatDateTime(source.last_lead_at, language) || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS = ["name", "kind", "allowed_origins"] as const;

function NewSourceForm({ onDone }: { onDone: (created?: { id: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateLeadSource();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<LeadSourceKind>("web_form");
  const [origins, setOrigins] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    if (!name.trim()) {
      setErrors({ name: t("integrations.required") });
      return;
    }
    try {
      const created = await create.mutateAsync({ name: name.trim(), kind, allowed_origins: parseList(origins) });
      onDone({ id: created.id, secret: created.secret });
    } catch (error) {
      const shown = toUserError(error, t, FIELDS);
      setErrors(shown.fields);
      setBanner(shown.message);
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-source-title">
      <h2 id="new-source-title">{t("integrations.newSource")}</h2>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <TextField label={t("integrations.name")} required value={name} maxLength={100}
        onChange={(e) => setName(e.target.value)} error={errors.name} />
      <SelectField label={t("integrations.kind")} value={kind} onChange={(e) => setKind(e.target.value as LeadSourceKind)}
        options={LEAD_SOURCE_KINDS.map((value) => ({ value, label: t(`integrations.kinds.${value}`) }))} />
      <TextArea label={t("integrations.allowedOrigins")} value={origins} rows={3} placeholder="https://www.example.com"
        onChange={(e) => setOrigins(e.target.value)} error={errors.allowed_origins} hint={t("integrations.originsHint")} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("common.saving") : t("integrations.createSource")}
        </button>
        <button type="button" onClick={() => onDone()}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
