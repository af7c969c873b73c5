import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "@/api/types";
import { firebaseAuth } from "@/config/firebase";
import { signOutEverywhere } from "./session";

/** A signed-in user whom nobody has given a role yet: the API refuses them everything but /me. */
export function NoAccessPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  async function checkAgain() {
    // A new role reaches the ID token only when it is refreshed: force that, then ask /me again.
    await firebaseAuth().currentUser?.getIdToken(true);
    await queryClient.invalidateQueries({ queryKey: ["me"] });
  }

  return (
    <main id="main" className="signin">
      <div className="signin-card" role="region" aria-labelledby="no-access-title">
        <h1 id="no-access-title">{t("noAccess.title")}</h1>
        <p>{t("noAccess.body", { email: me.email ?? me.uid })}</p>
        <p className="muted">{t("noAccess.uid", { uid: me.uid })}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void checkAgain()}>{t("noAccess.retry")}</button>
          <button type="button" onClick={() => void signOutEverywhere()}>{t("app.signOut")}</button>
        </div>
      </div>
    </main>
  );
}
