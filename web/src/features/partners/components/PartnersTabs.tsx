import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { useAccess } from "@/auth/session";

/** The programme's screens for managers and admins: partners, commission plans, settings. */
export function PartnersTabs() {
  const { t } = useTranslation();
  const me = useAccess();
  if (!me.can("partner_management")) return null;
  return (
    <nav className="actions partner-tabs" aria-label={t("partners.tabs.label")}>
      <NavLink to="/partners" end>{t("partners.tabs.partners")}</NavLink>
      <NavLink to="/partners/plans">{t("partners.tabs.plans")}</NavLink>
      <NavLink to="/partners/settings">{t("partners.tabs.settings")}</NavLink>
    </nav>
  );
}
