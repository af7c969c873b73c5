/** Reports: the dashboard's KPIs and the forecast by month, owner and stage (admin, manager, viewer). */
import { lazyPage, type Feature } from "@/app/feature";

export const reportsFeature: Feature = {
  id: "reports",
  nav: { to: "/dashboard", label: "reports.nav", access: "reports" },
  routes: [
    { path: "dashboard", ...lazyPage(() => import("./routes/DashboardPage")) },
    { path: "forecast", ...lazyPage(() => import("./routes/ForecastPage")) },
  ],
  texts: () => import("./texts").then((m) => m.reportsTexts),
  menuTexts: { en: { nav: "Reports" }, el: { nav: "Αναφορές" } },
};
