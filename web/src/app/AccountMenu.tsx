import { useTranslation } from "react-i18next";
import { signOutEverywhere, useAccess } from "@/auth/session";
import { LanguageSwitch } from "@/components/LanguageSwitch";

const PANEL = "account-menu";

/** The top bar's account button: who is signed in and as what, the language, and signing out, in a popover
 * (the browser closes it on Escape and on a click elsewhere). */
export function AccountMenu() {
  const { t } = useTranslation();
  const me = useAccess();
  const who = me.email ?? me.uid;
  return (
    <>
      <button type="button" className="account-menu-button" popoverTarget={PANEL} title={who}
        aria-label={t("app.account", { email: who })}>
        <span aria-hidden="true">{(who.trim()[0] ?? "?").toUpperCase()}</span>
      </button>
      <div id={PANEL} popover="auto" className="account-menu-panel">
        <p className="who">{t("app.signedInAs", { email: who, role: t(`roles.${me.role}`) })}</p>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOutEverywhere()}>{t("app.signOut")}</button>
      </div>
    </>
  );
}
