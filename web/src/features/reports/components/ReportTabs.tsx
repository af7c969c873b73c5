import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** The reports' own navigation: dashboard and forecast. */
export function ReportTabs() {
  const { t } = useTranslation();
  return (
    <nav className="report-tabs" aria-label={t("reports.tabs")}>
      <NavLink to="/dashboard">{t("reports.dashboard.title")}</NavLink>
      <NavLink to="/forecast">{t("reports.forecast.title")}</NavLink>
    </nav>
  );
}
