import { useTranslation } from "react-i18next";
import { CopyButton } from "./CopyButton";

/** A secret that the API shows only once: shown with a copy button and a warning, until the admin closes it. */
export function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice warning" role="alert">
      <strong>{t("integrations.secretTitle")}</strong>
      <p>{t("integrations.secretOnce")}</p>
      <div className="actions">
        <code className="secret" aria-label={t("integrations.secret")}>{secret}</code>
        <CopyButton text={secret} />
        <button type="button" onClick={onClose}>{t("integrations.secretStored")}</button>
      </div>
    </div>
  );
}
