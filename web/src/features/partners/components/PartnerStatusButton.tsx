import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { useNotify } from "@/components/Toasts";
import { useUpdatePartner, type Partner } from "../api";

/** Archive a partner (its links stop redirecting, its conversions earn nothing), asking first; or restore it. */
export function PartnerStatusButton({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdatePartner(partner.id);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const archived = partner.status === "archived";

  async function change() {
    setError(null);
    try {
      await update.mutateAsync({ update: { status: archived ? "active" : "archived" },
        version: partner.version });
      setAsking(false);
      notify(t(archived ? "partners.restored" : "partners.archived", { name: partner.name }));
    } catch (cause) {
      const message = toUserError(cause, t).message;
      if (asking) setError(message);
      else notify(message, { tone: "error" });
    }
  }

  return (
    <div className="actions">
      {archived ? (
        <button type="button" disabled={update.isPending} onClick={() => void change()}>{t("partners.restore")}</button>
      ) : (
        <button type="button" className="danger" onClick={() => { setError(null); setAsking(true); }}>
          {t("partners.archive")}
        </button>
      )}
      <ConfirmDialog open={asking} title={t("partners.archiveConfirm", { name: partner.name })}
        confirmLabel={t("partners.archive")} danger busy={update.isPending} error={error}
        onConfirm={() => void change()} onClose={() => setAsking(false)}>
        <p>{t("partners.archiveExplained")}</p>
      </ConfirmDialog>
    </div>
  );
}
