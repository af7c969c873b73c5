import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useAccess } from "@/auth/session";
import { AccountMenu } from "./AccountMenu";
import { CommandMenu } from "./CommandMenu";
import { ManageMenu } from "./ManageMenu";
import { LiveStatus } from "./LiveStatus";
import { FEATURES } from "./features";

/** The frame of every signed-in screen: skip link, menu (only what the role may open), search, the account menu. */
export function Layout() {
  const { t } = useTranslation();
  const me = useAccess();
  const entries = FEATURES.flatMap((feature) =>
    feature.nav && me.can(feature.nav.access) && (feature.nav.when?.(me) ?? true) ? [feature.nav] : []);
  const managed = entries.filter((entry) => entry.group === "manage");
  return (
    <>
      <a className="skip-link" href="#main">{t("app.skipToContent")}</a>
      <header className="topbar">
        <span className="brand">{t("app.name")}</span>
        <nav aria-label={t("app.mainNav")}>
          <ul>
            {entries.filter((entry) => entry.group !== "manage").map((entry) => (
              <li key={entry.to}><NavLink to={entry.to}>{t(entry.label)}</NavLink></li>
            ))}
            {managed.length > 0 && <li><ManageMenu entries={managed} /></li>}
          </ul>
        </nav>
        <div className="topbar-end">
          <LiveStatus />
          <CommandMenu />
          <AccountMenu />
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
