import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatDateTime } from "@/i18n/format";
import { useCreateEndpoint, useEndpoints, type WebhookEndpoint } from "../api";
import { EndpointState } from "../components/EndpointState";
import { EventPicker } from "../components/EventPicker";
import { IntegrationsNav } from "../components/IntegrationsNav";
import { NoticesBanner } from "../components/NoticesBanner";
import { SecretOnce } from "../components/SecretOnce";
import { chosenEvents } from "../logic/lists";
import "../integrations.css";

export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const endpoints = useEndpoints();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("integrations.webhooksTitle")}</h1>
        {!adding && <button type="button" className="primary" onClick={() => setAdding(true)}>{t("integrations.addEndpoint")}</button>}
      </div>
      <IntegrationsNav />
      <p className="muted">{t("integrations.webhooksIntro")}</p>
      <NoticesBanner />
      {created && (
        <>
          <SecretOnce secret={created.secret} onClose={() => setCreated(null)} />
          <p><Link to={`/integrations/webhooks/${created.id}`}>{t("integrations.openEndpoint")}</Link></p>
        </>
      )}
      {adding && (
        <NewEndpointForm onDone={(endpoint) => { setAdding(false); if (endpoint) setCreated(endpoint); }} />
      )}
      {endpoints.isPending ? <Spinner label={t("app.loading")} />
        : endpoints.isError ? <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
          : endpoints.data.results.length === 0 ? <EmptyState>{t("integrations.noEndpoints")}</EmptyState>
            : <EndpointTable endpoints={endpoints.data.results} language={language} />}
    </div>
  );
}

function EndpointTable({ endpoints, language }: { endpoints: WebhookEndpoint[]; language: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("integrations.webhooksTitle")}</caption>
        <thead>
          <tr>
            <th scope="col" className="url-cell">{t("integrations.url")}</th>
            <th scope="col">{t("integrations.events")}</th>
            <th scope="col">{t("integrations.state")}</th>
            <th scope="col" className="col-wide">{t("integrations.lastSuccess")}</th>
            <th scope="col" className="col-wide">{t("integrations.lastFailure")}</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id}>
              <th scope="row" className="url-cell">
                <Link to={`/integrations/webhooks/${endpoint.id}`} title={endpoint.url}>
                  {endpoint.description || endpoint.url}
                </Link>
              </th>
              <td>{endpoint.events.includes("*") ? t("integrations.allEvents") : endpoint.events.join(", ")}</td>
              <td><EndpointState endpoint={endpoint} /></td>
              <td className="col-wide">{formatDateTime(endpoint.last_success_at, language) || "—"}</td>
              <td className="col-wide">{formatDateTime(endpoint.last_failure_at, language) || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FIELDS = ["url", "description", "events"] as const;

function NewEndpointForm({ onDone }: { onDone: (created?: { id: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateEndpoint();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [all, setAll] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    const events = chosenEvents(all, chosen);
    if (events.length === 0) {
      setErrors({ events: t("integrations.chooseEvents") });
      return;
    }
    try {
      const created = await create.mutateAsync({ url: url.trim(), description: description.trim() || null, events });
      onDone({ id: created.id, secret: created.secret });
    } catch (error) {
      const shown = toUserError(error, t, FIELDS);
      setErrors(shown.fields);
      setBanner(shown.message);
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-endpoint-title">
      <h2 id="new-endpoint-title">{t("integrations.newEndpoint")}</h2>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <TextField label={t("integrations.url")} type="url" required value={url} placeholder="https://"
        onChange={(e) => setUrl(e.target.value)} error={errors.url} hint={t("integrations.urlHint")} />
      <TextField label={t("integrations.description")} value={description} maxLength={200}
        onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      <EventPicker all={all} chosen={chosen} error={errors.events}
        onChange={(nextAll, nextChosen) => { setAll(nextAll); setChosen(nextChosen); }} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("common.saving") : t("integrations.subscribe")}
        </button>
        <button type="button" onClick={() => onDone()}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
