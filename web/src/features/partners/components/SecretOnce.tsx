import { useTranslation } from "react-i18next";
import { CopyButton } from "./CopyButton";

/** A conversion source's secret, which the API shows only once: with a copy button, until the admin closes it. */
export function SecretOnce({ source, secret, onClose }: { source: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice warning" role="alert">
      <strong>{t("partners.sources.secretTitle", { source })}</strong>
      <p>{t("partners.sources.secretOnce")}</p>
      <div className="actions">
        <code className="secret" aria-label={t("partners.sources.secret")}>{secret}</code>
        <CopyButton text={secret} label={t("partners.sources.copySecret")} />
        <button type="button" onClick={onClose}>{t("partners.sources.secretStored")}</button>
      </div>
    </div>
  );
}
