import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useAccess } from "@/auth/session";
import "@/components/components.css";
import "../admin.css";

const TABS = [
  { to: "/admin/users", label: "admin.users.title" },
  { to: "/admin/currency-rates", label: "admin.rates.title" },
  { to: "/admin/api-keys", label: "admin.keys.title" },
];

/** Every admin screen: its title, the tabs between them, and nothing at all for a role that is not admin. */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useAccess();
  return (
    <div className="page admin-page">
      <h1>{title}</h1>
      <nav className="tabs" aria-label={t("admin.sections")}>
        {TABS.map((tab) => <NavLink key={tab.to} to={tab.to}>{t(tab.label)}</NavLink>)}
      </nav>
      {me.can("admin") ? children : <p className="notice" role="status">{t("admin.onlyAdmins")}</p>}
    </div>
  );
}
