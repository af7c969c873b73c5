import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import type { Role } from "@/api/types";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { UserName } from "@/components/UserName";
import { formatDate } from "@/i18n/format";
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey } from "../api";
import { AdminFrame } from "../components/AdminFrame";
import { ROLES } from "../logic/roles";

export default function ApiKeysPage() {
  const { t } = useTranslation();
  return <AdminFrame title={t("admin.keys.title")}><ApiKeys /></AdminFrame>;
}

function ApiKeys() {
  const { t, i18n } = useTranslation();
  const keys = useApiKeys();
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <>
      <p className="muted">{t("admin.keys.intro")}</p>
      <CreateKey />
      <section className="panel" aria-labelledby="keys-title">
        <h2 id="keys-title">{t("admin.keys.list")}</h2>
        {keys.isPending ? <Spinner label={t("app.loading")} />
          : keys.isError ? <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
            : keys.data.results.length === 0 ? <EmptyState>{t("admin.keys.empty")}</EmptyState>
              : (
                <div className="table-wrap">
                  <table className="record-table">
                    <caption className="visually-hidden">{t("admin.keys.list")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("admin.keys.name")}</th>
                        <th scope="col">{t("admin.keys.prefix")}</th>
                        <th scope="col">{t("admin.keys.role")}</th>
                        <th scope="col" className="col-wide">{t("admin.keys.created")}</th>
                        <th scope="col">{t("admin.keys.state")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...keys.data.results].reverse().map((key) => (
                        <tr key={key.prefix} className={key.revoked_at ? "muted-row" : undefined}>
                          <th scope="row">{key.name}</th>
                          <td><code>crm_{key.prefix}_…</code></td>
                          <td>{t(`roles.${key.role}`)}</td>
                          <td className="col-wide">
                            {formatDate(key.created_at, language)} · <UserName uid={key.created_by} />
                          </td>
                          <td>{key.revoked_at
                            ? t("admin.keys.revokedOn", { date: formatDate(key.revoked_at, language) })
                            : <RevokeKey apiKey={key} />}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
      </section>
    </>
  );
}

/** Name a key and its role; its secret is shown here once, with a button that copies it. */
function CreateKey() {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("rep");
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ name: string; secret: string } | null>(null);
  const secretBox = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    setError(null);
    try {
      const key = await create.mutateAsync({ name: name.trim(), role });
      setMade({ name: key.name, secret: key.secret });
      create.reset(); // the secret lives in this panel only
      setName("");
    } catch (cause) {
      const shown = toUserError(cause, t, ["name", "role"]);
      setError(shown.fields.name ?? shown.fields.role ?? shown.message);
    }
  }

  async function copy() {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.secret);
      notify(t("admin.keys.copied"));
    } catch {
      secretBox.current?.select();
      notify(t("admin.keys.copyByHand"), { tone: "error" });
    }
  }

  return (
    <section className="panel" aria-labelledby="new-key-title">
      <h2 id="new-key-title">{t("admin.keys.new")}</h2>
      {made ? (
        <div className="notice warning secret" role="status">
          <p><strong>{t("admin.keys.madeTitle", { name: made.name })}</strong> {t("admin.keys.onlyOnce")}</p>
          <div className="secret-row">
            <label htmlFor="new-key-secret" className="visually-hidden">{t("admin.keys.secret")}</label>
            <input id="new-key-secret" ref={secretBox} readOnly value={made.secret} onFocus={(e) => e.target.select()} />
            <button type="button" className="primary" onClick={() => void copy()}>{t("admin.keys.copy")}</button>
          </div>
          <button type="button" onClick={() => setMade(null)}>{t("admin.keys.done")}</button>
        </div>
      ) : (
        <form className="row-group" onSubmit={submit}>
          <div className="field grow">
            <label htmlFor="key-name">{t("admin.keys.name")}</label>
            <input id="key-name" value={name} maxLength={100} autoComplete="off" onChange={(e) => setName(e.target.value)}
              aria-invalid={error ? true : undefined} aria-describedby={error ? "key-error" : "key-name-hint"} />
            <small id="key-name-hint" className="hint">{t("admin.keys.nameHint")}</small>
          </div>
          <div className="field">
            <label htmlFor="key-role">{t("admin.keys.role")}</label>
            <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
            </select>
          </div>
          <button type="submit" className="primary" disabled={!name.trim() || create.isPending}>
            {t("admin.keys.create")}
          </button>
          {error && <p id="key-error" className="error-text" role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}

function RevokeKey({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await revoke.mutateAsync(apiKey.prefix);
      setOpen(false);
      notify(t("admin.keys.revoked", { name: apiKey.name }));
    } catch (cause) {
      setError(toUserError(cause, t).message);
    }
  }

  return (
    <>
      <span className="badge positive">{t("admin.keys.active")}</span>{" "}
      <button type="button" className="danger" onClick={() => { setError(null); setOpen(true); }}>
        {t("admin.keys.revoke")}<span className="visually-hidden"> {apiKey.name}</span>
      </button>
      <ConfirmDialog open={open} title={t("admin.keys.revokeConfirm", { name: apiKey.name })}
        confirmLabel={t("admin.keys.revoke")} danger busy={revoke.isPending} error={error}
        onConfirm={() => void confirm()} onClose={() => setOpen(false)} />
    </>
  );
}
