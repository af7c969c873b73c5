import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { TextField } from "@/components/fields";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDateTime } from "@/i18n/format";
import {
  useDeleteEndpoint, useEndpoint, usePing, useRotateEndpointSecret, useUpdateEndpoint, type WebhookEndpoint,
} from "../api";
import { DeliveriesPanel } from "../components/DeliveriesPanel";
import { EndpointState } from "../components/EndpointState";
import { EventPicker } from "../components/EventPicker";
import { IntegrationsNav } from "../components/IntegrationsNav";
import { SecretOnce } from "../components/SecretOnce";
import { chosenEvents } from "../logic/lists";
import "../integrations.css";

export default function WebhookEndpointPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const { endpointId = "" } = useParams();
  const endpoint = useEndpoint(endpointId);
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  return (
    <div className="page">
      <p><Link to="/integrations/webhooks">← {t("integrations.backToWebhooks")}</Link></p>
      <IntegrationsNav />
      {endpoint.isPending ? <Spinner label={t("app.loading")} />
        : endpoint.isError ? <ErrorState error={endpoint.error} onRetry={() => void endpoint.refetch()} />
          : <EndpointView endpoint={endpoint.data} />}
    </div>
  );
}

function EndpointView({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const navigate = useNavigate();
  const notify = useNotify();
  const ping = usePing(endpoint.id);
  const rotate = useRotateEndpointSecret(endpoint.id);
  const remove = useDeleteEndpoint(endpoint.id);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const failed = (error: unknown) => notify(toUserError(error, t).message, { tone: "error" });

  return (
    <>
      <div className="customer-head">
        <div>
          <h1>{endpoint.description || t("integrations.endpoint")}</h1>
          <p className="facts">
            <code>{endpoint.url}</code> <EndpointState endpoint={endpoint} />
          </p>
          {endpoint.disabled_reason && (
            <p className="muted">{t("integrations.disabledBecause", { reason: endpoint.disabled_reason })}</p>
          )}
          {endpoint.failing_since && (
            <p className="muted">{t("integrations.failingSince", {
              when: formatDateTime(endpoint.failing_since, language), count: endpoint.consecutive_failures,
            })}</p>
          )}
        </div>
        <div className="actions">
          <button type="button" disabled={ping.isPending} onClick={() => ping.mutate(undefined, {
            onSuccess: (sent) => notify(sent.state === "delivered" ? t("integrations.pingDelivered")
              : t("integrations.pingFailed", { status: sent.attempts.at(-1)?.status_code ?? sent.attempts.at(-1)?.error ?? "—" }),
            { tone: sent.state === "delivered" ? "info" : "error" }),
            onError: failed,
          })}>
            {t("integrations.ping")}
          </button>
          <button type="button" onClick={() => setConfirm("rotate")}>{t("integrations.rotateSecret")}</button>
          <button type="button" className="danger" onClick={() => setConfirm("delete")}>{t("integrations.delete")}</button>
        </div>
      </div>
      {secret && <SecretOnce secret={secret} onClose={() => setSecret(null)} />}
      <EndpointForm key={endpoint.version} endpoint={endpoint} />
      <DeliveriesPanel endpointId={endpoint.id} />
      <ConfirmDialog open={confirm === "rotate"} title={t("integrations.rotateSecretTitle")}
        confirmLabel={t("integrations.rotateSecret")} busy={rotate.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => rotate.mutate(24, {
          onSuccess: (rotated) => { setConfirm(null); setSecret(rotated.secret); },
          onError: (error) => { setConfirm(null); failed(error); },
        })} />
      <ConfirmDialog open={confirm === "delete"} title={t("integrations.deleteEndpointTitle")} danger
        confirmLabel={t("integrations.delete")} busy={remove.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => remove.mutate(endpoint.version, {
          onSuccess: () => { notify(t("integrations.endpointDeleted")); navigate("/integrations/webhooks"); },
          onError: (error) => { setConfirm(null); failed(error); },
        })} />
    </>
  );
}

const FIELDS = ["url", "description", "events", "enabled"] as const;

function EndpointForm({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateEndpoint(endpoint.id);
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description ?? "");
  const [all, setAll] = useState(endpoint.events.includes("*"));
  const [chosen, setChosen] = useState(endpoint.events.filter((name) => name !== "*"));
  const [enabled, setEnabled] = useState(endpoint.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    const events = chosenEvents(all, chosen);
    if (events.length === 0) {
      setErrors({ events: t("integrations.chooseEvents") });
      return;
    }
    try {
      await update.mutateAsync({
        update: { url: url.trim(), description: description.trim() || null, events, enabled },
        version: endpoint.version,
      });
      notify(t("common.saved"));
    } catch (error) {
      const shown = toUserError(error, t, FIELDS);
      setErrors(shown.fields);
      setBanner(shown.conflict ? t("integrations.conflict") : shown.message);
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="endpoint-settings">
      <h2 id="endpoint-settings">{t("integrations.settings")}</h2>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <TextField label={t("integrations.url")} type="url" required value={url}
        onChange={(e) => setUrl(e.target.value)} error={errors.url} />
      <TextField label={t("integrations.description")} value={description} maxLength={200}
        onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t("integrations.enabled")}
      </label>
      {!endpoint.enabled && <p className="hint">{t("integrations.enableResumes")}</p>}
      <EventPicker all={all} chosen={chosen} error={errors.events}
        onChange={(nextAll, nextChosen) => { setAll(nextAll); setChosen(nextChosen); }} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
