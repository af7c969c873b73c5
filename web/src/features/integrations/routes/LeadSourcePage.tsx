import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import { toUserError } from "@/api/errors";
import { useAccess } from "@/auth/session";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { SelectField, TextArea, TextField } from "@/components/fields";
import { ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDateTime, formatNumber } from "@/i18n/format";
import {
  LEAD_SOURCE_KINDS, REQUIRED_FIELDS, useDeleteLeadSource, useLeadSource, useRotateLeadSourceSecret,
  useRotateLeadSourceToken, useSnippet, useUpdateLeadSource, type LeadSource, type LeadSourceKind, type RequiredField,
} from "../api";
import { CopyButton } from "../components/CopyButton";
import { IntegrationsNav } from "../components/IntegrationsNav";
import { SecretOnce } from "../components/SecretOnce";
import { formatList, parseList } from "../logic/lists";
import "../integrations.css";

export default function LeadSourcePage() {
  const { t } = useTranslation();
  const me = useAccess();
  const { sourceId = "" } = useParams();
  const source = useLeadSource(sourceId);
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  return (
    <div className="page">
      <p><Link to="/integrations/lead-sources">← {t("integrations.backToSources")}</Link></p>
      <IntegrationsNav />
      {source.isPending ? <Spinner label={t("app.loading")} />
        : source.isError ? <ErrorState error={source.error} onRetry={() => void source.refetch()} />
          : <SourceView source={source.data} />}
    </div>
  );
}

function SourceView({ source }: { source: LeadSource }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const navigate = useNavigate();
  const notify = useNotify();
  const rotateSecret = useRotateLeadSourceSecret(source.id);
  const rotateToken = useRotateLeadSourceToken(source.id);
  const remove = useDeleteLeadSource(source.id);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"secret" | "token" | "delete" | null>(null);
  const failed = (error: unknown) => { setConfirm(null); notify(toUserError(error, t).message, { tone: "error" }); };
  const figures: [string, number][] = [
    ["integrations.leadsReceived", source.leads_received ?? 0],
    ["integrations.duplicatesMatched", source.duplicates_matched ?? 0],
    ["integrations.spamBlocked", source.spam_blocked ?? 0],
  ];
  return (
    <>
      <div className="customer-head">
        <div>
          <h1>{source.name}</h1>
          <p className="facts">
            <span>{t(`integrations.kinds.${source.kind ?? "web_form"}`)}</span>
            <span>{t("integrations.lastLead")}: {formatDateTime(source.last_lead_at, language) || "—"}</span>
          </p>
        </div>
        <div className="actions">
          <button type="button" onClick={() => setConfirm("token")}>{t("integrations.rotateToken")}</button>
          <button type="button" onClick={() => setConfirm("secret")}>{t("integrations.rotateSecret")}</button>
          <button type="button" className="danger" onClick={() => setConfirm("delete")}>{t("integrations.delete")}</button>
        </div>
      </div>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}><dt className="muted">{t(label)}</dt><dd><strong>{formatNumber(value, language)}</strong></dd></div>
        ))}
      </dl>
      {secret && <SecretOnce secret={secret} onClose={() => setSecret(null)} />}
      <SnippetPanel source={source} />
      <SourceForm key={source.version} source={source} />
      <ConfirmDialog open={confirm === "secret"} title={t("integrations.rotateSourceSecretTitle")}
        confirmLabel={t("integrations.rotateSecret")} busy={rotateSecret.isPending} onClose={() => setConfirm(null)}
        onConfirm={() => rotateSecret.mutate(undefined, {
          onSuccess: (rotated) => { setConfirm(null); setSecret(rotated.secret); }, onError: failed,
        })} />
      <ConfirmDialog open={confirm === "token"} title={t("integrations.rotateTokenTitle")}
        confirmLabel={t("integrations.rotateToken")} busy={rotateToken.isPending} onClose={() => setConfirm(null)}
        onConfirm={() => rotateToken.mutate(undefined, {
          onSuccess: () => { setConfirm(null); notify(t("integrations.tokenRotated")); }, onError: failed,
        })} />
      <ConfirmDialog open={confirm === "delete"} title={t("integrations.deleteSourceTitle")} danger
        confirmLabel={t("integrations.delete")} busy={remove.isPending} onClose={() => setConfirm(null)}
        onConfirm={() => remove.mutate(source.version, {
          onSuccess: () => { notify(t("integrations.sourceDeleted")); navigate("/integrations/lead-sources"); },
          onError: failed,
        })} />
    </>
  );
}

function SnippetPanel({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const snippet = useSnippet(source.id);
  return (
    <section className="panel" aria-labelledby="snippet-title">
      <h2 id="snippet-title">{t("integrations.snippet")}</h2>
      <p className="muted">{t("integrations.snippetIntro")}</p>
      {snippet.isPending ? <Spinner label={t("app.loading")} />
        : snippet.isError ? <ErrorState error={snippet.error} onRetry={() => void snippet.refetch()} />
          : (
            <>
              <p className="facts"><span>{t("integrations.hookUrl")}:</span> <code>{snippet.data.hook_url}</code></p>
              <TextArea label={t("integrations.snippetHtml")} className="snippet-field" readOnly value={snippet.data.html}
                rows={14} />
              <div className="actions"><CopyButton text={snippet.data.html} label={t("integrations.copySnippet")} /></div>
            </>
          )}
    </section>
  );
}

const FIELDS = ["name", "kind", "allowed_origins", "owner_id", "tags", "required_fields", "honeypot_field",
  "min_seconds", "thank_you_url"] as const;

function SourceForm({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateLeadSource(source.id);
  const [name, setName] = useState(source.name);
  const [kind, setKind] = useState<LeadSourceKind>(source.kind ?? "web_form");
  const [enabled, setEnabled] = useState(source.enabled !== false);
  const [signed, setSigned] = useState(!!source.signature_required);
  const [origins, setOrigins] = useState(formatList(source.allowed_origins));
  const [owner, setOwner] = useState(source.owner_id);
  const [tags, setTags] = useState((source.tags ?? []).join(", "));
  const [required, setRequired] = useState<RequiredField[]>(source.required_fields ?? ["email"]);
  const [honeypot, setHoneypot] = useState(source.honeypot_field ?? "fax");
  const [minSeconds, setMinSeconds] = useState(String(source.min_seconds ?? 3));
  const [thankYou, setThankYou] = useState(source.thank_you_url ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBanner(null);
    setErrors({});
    try {
      await update.mutateAsync({
        update: {
          name: name.trim(), kind, enabled, signature_required: signed, allowed_origins: parseList(origins),
          owner_id: owner.trim(), tags: parseList(tags), required_fields: required, honeypot_field: honeypot.trim(),
          min_seconds: Number(minSeconds) || 0, thank_you_url: thankYou.trim() || null,
        },
        version: source.version,
      });
      notify(t("common.saved"));
    } catch (error) {
      const shown = toUserError(error, t, FIELDS);
      setErrors(shown.fields);
      setBanner(shown.conflict ? t("integrations.conflict") : shown.message);
    }
  }

  const toggle = (field: RequiredField, on: boolean) =>
    setRequired(on ? [...required, field] : required.filter((item) => item !== field));
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="source-settings">
      <h2 id="source-settings">{t("integrations.settings")}</h2>
      {banner && <p className="notice error" role="alert">{banner}</p>}
      <div className="grid">
        <TextField label={t("integrations.name")} required value={name} maxLength={100}
          onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField label={t("integrations.kind")} value={kind}
          onChange={(e) => setKind(e.target.value as LeadSourceKind)}
          options={LEAD_SOURCE_KINDS.map((value) => ({ value, label: t(`integrations.kinds.${value}`) }))} />
        <TextField label={t("integrations.owner")} value={owner} onChange={(e) => setOwner(e.target.value)}
          error={errors.owner_id} hint={t("integrations.ownerHint")} />
        <TextField label={t("integrations.tags")} value={tags} onChange={(e) => setTags(e.target.value)}
          error={errors.tags} hint={t("integrations.tagsHint")} />
        <TextField label={t("integrations.honeypot")} value={honeypot} onChange={(e) => setHoneypot(e.target.value)}
          error={errors.honeypot_field} hint={t("integrations.honeypotHint")} />
        <TextField label={t("integrations.minSeconds")} type="number" min={0} max={3600} value={minSeconds}
          onChange={(e) => setMinSeconds(e.target.value)} error={errors.min_seconds} />
        <TextField label={t("integrations.thankYouUrl")} type="url" value={thankYou}
          onChange={(e) => setThankYou(e.target.value)} error={errors.thank_you_url} />
      </div>
      <TextArea label={t("integrations.allowedOrigins")} value={origins} rows={3} placeholder="https://www.example.com"
        onChange={(e) => setOrigins(e.target.value)} error={errors.allowed_origins} hint={t("integrations.originsHint")} />
      <fieldset className="group">
        <legend>{t("integrations.requiredFields")}</legend>
        <div className="actions">
          {REQUIRED_FIELDS.map((field) => (
            <label key={field} className="check">
              <input type="checkbox" checked={required.includes(field)} onChange={(e) => toggle(field, e.target.checked)} />
              {t(`integrations.fields.${field}`)}
            </label>
          ))}
        </div>
        {errors.required_fields && <small className="error-text">{errors.required_fields}</small>}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t("integrations.enabled")}
      </label>
      <label className="check">
        <input type="checkbox" checked={signed} onChange={(e) => setSigned(e.target.checked)} />
        {t("integrations.signatureRequired")}
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
