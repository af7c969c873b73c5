/** Deals: the board of a pipeline, the list (ticked deals changed together), a deal's page, a new deal. */
import { lazyPage, type Feature } from "@/app/feature";

export const dealsFeature: Feature = {
  id: "deals",
  nav: { to: "/deals", label: "deals.nav", access: "read" },
  routes: [
    { path: "deals", ...lazyPage(() => import("./routes/BoardPage"), ["views"]) },
    { path: "deals/list", ...lazyPage(() => import("./routes/DealListPage")) },
    { path: "deals/new", ...lazyPage(() => import("./routes/NewDealPage")) },
    { path: "deals/:dealId", ...lazyPage(() => import("./routes/DealPage")) },
  ],
  texts: () => import("./texts").then((m) => m.dealsTexts),
  menuTexts: { en: { nav: "Deals", listNav: "Deals list" }, el: { nav: "Ευκαιρίες", listNav: "Λίστα ευκαιριών" } },
  commands: [{ id: "deals:list", label: "deals.listNav", to: "/deals/list", access: "read", group: "go" }],
};
