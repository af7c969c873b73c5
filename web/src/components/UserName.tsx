import { useTranslation } from "react-i18next";
import { useAccess } from "@/auth/session";
import { userLabel, useUsers } from "./users";

/** A user by name ("You" for the signed-in user), with the uid as a tooltip; any screen that shows an owner, an
 * author or who did something uses it. */
export function UserName({ uid }: { uid: string | null | undefined }) {
  const { t } = useTranslation();
  const me = useAccess();
  const users = useUsers();
  if (!uid) return <span className="muted">{t("common.none")}</span>;
  return <span title={uid}>{userLabel(uid, users.data, me.uid, t)}</span>;
}
