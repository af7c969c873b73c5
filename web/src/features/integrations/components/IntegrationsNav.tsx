import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** Moves between the two screens of integrations. */
export function IntegrationsNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("integrations.nav")} className="actions sub-nav">
      <NavLink to="/integrations/webhooks">{t("integrations.webhooks")}</NavLink>
      <NavLink to="/integrations/lead-sources">{t("integrations.leadSources")}</NavLink>
    </nav>
  );
}
