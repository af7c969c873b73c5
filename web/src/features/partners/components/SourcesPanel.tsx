import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useNotify } from "@/components/Toasts";
import { formatDateTime } from "@/i18n/format";
import { useSetSourceActive, useSources, useSourceSecret, type ConversionSource } from "../programmeApi";
import { NewSourceForm } from "./NewSourceForm";
import { SecretOnce } from "./SecretOnce";

/** Conversion sources (admins): each signs its postbacks with a secret shown once, when made or made anew. */
export function SourcesPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const notify = useNotify();
  const sources = useSources();
  const secret = useSourceSecret();
  const setActive = useSetSourceActive();
  const [shown, setShown] = useState<{ source: string; secret: string } | null>(null);

  async function create(id: string, name: string) {
    const made = await secret.mutateAsync({ rotate: false, id, name });
    setShown({ source: made.name, secret: made.secret });
  }

  async function rotate(source: ConversionSource) {
    try {
      const made = await secret.mutateAsync({ rotate: true, id: source.id });
      setShown({ source: made.name, secret: made.secret });
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  async function toggle(source: ConversionSource) {
    try {
      await setActive.mutateAsync({ id: source.id, active: !source.active });
    } catch (error) {
      notify(toUserError(error, t).message, { tone: "error" });
    }
  }

  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">{t("partners.sources.title")}</h2>
      <p className="muted">{t("partners.sources.explained")}</p>
      {shown && <SecretOnce source={shown.source} secret={shown.secret} onClose={() => setShown(null)} />}
      <NewSourceForm busy={secret.isPending} onCreate={create} />
      {sources.isPending ? <Spinner label={t("app.loading")} />
        : sources.isError ? <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />
        : sources.data.results.length === 0 ? <EmptyState><p>{t("partners.sources.empty")}</p></EmptyState>
        : (
          <div className="table-scroll">
            <table className="data-table" aria-label={t("partners.sources.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("partners.sources.name")}</th>
                  <th scope="col" className="col-wide">{t("partners.sources.postback")}</th>
                  <th scope="col">{t("partners.status")}</th>
                  <th scope="col" style={{ width: "14rem" }}>{t("partners.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {sources.data.results.map((source) => (
                  <tr key={source.id}>
                    <th scope="row" style={{ whiteSpace: "normal" }}>{source.name}</th>
                    <td className="col-wide" style={{ whiteSpace: "normal", overflowWrap: "anywhere" }}>
                      <code>/api/hooks/conversions/{source.id}</code>
                    </td>
                    <td style={{ whiteSpace: "normal" }}>
                      <span className="nowrap">
                        {t(source.active ? "partners.active" : "partners.sources.switchedOff")}
                      </span>
                      {source.secret_rotated_at && (
                        <small className="muted"> {t("partners.sources.rotated",
                          { time: formatDateTime(source.secret_rotated_at, language) })}</small>
                      )}
                    </td>
                    <td>
                      <div className="actions">
                        <button type="button" disabled={secret.isPending} onClick={() => void rotate(source)}
                          aria-label={t("partners.sources.rotateOne", { name: source.name })}>
                          {t("partners.sources.rotate")}
                        </button>
                        <button type="button" disabled={setActive.isPending} onClick={() => void toggle(source)}
                          aria-label={t(source.active ? "partners.sources.offOne" : "partners.sources.onOne",
                            { name: source.name })}>
                          {t(source.active ? "partners.sources.off" : "partners.sources.on")}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}
