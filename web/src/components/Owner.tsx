import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";

/** An owner by user id; "You" for the signed-in user. */
export function Owner({ uid }: { uid: string | null | undefined }) {
  const { t } = useTranslation();
  const me = useAccess();
  if (!uid) return <span className="muted">{t("common.none")}</span>;
  return <span title={uid}>{uid === me.uid ? t("common.you") : uid}</span>;
}
