import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { signOutEverywhere, useAccess } from "@/auth/session";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { CommandMenu } from "./CommandMenu";
import { LiveStatus } from "./LiveStatus";
import { FEATURES } from "./features";

/** The frame of every signed-in screen: skip link, menu (only what the role may open), language, sign-out. */
export function Layout() {
  const { t } = useTranslation();
  const me = useAccess();
  const entries = FEATURES.flatMap((feature) =>
    feature.nav && me.can(feature.nav.access) && (feature.nav.when?.(me) ?? true) ? [feature.nav] : []);
  return (
    <>
      <a className="skip-link" href="#main">{t("app.skipToContent")}</a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <nav aria-label={t("app.mainNav")}>
          <ul>
            {entries.map((entry) => (
              <li key={entry.to}><NavLink to={entry.to}>{t(entry.label)}</NavLink></li>
            ))}
          </ul>
        </nav>
        <div className="topbar-end">
          <LiveStatus />
          <CommandMenu />
          <span className="who" title={me.uid}>
            {t("app.signedInAs", { email: me.email ?? me.uid, role: t(`roles.${me.role}`) })}
          </span>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOutEverywhere()}>{t("app.signOut")}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function NotFoundPage({ upcoming = false }: { upcoming?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t(upcoming ? "app.notYet" : "app.notFound")}</h1>
      <p><NavLink to="/customers">{t("app.backHome")}</NavLink></p>
    </div>
  );
}
