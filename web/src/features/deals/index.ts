/** Deals: the board of a pipeline, a deal's page, a new deal. */
import { lazyPage, type Feature } from "@/app/feature";
import { dealsTexts } from "./texts";

export const dealsFeature: Feature = {
  id: "deals",
  nav: { to: "/deals", label: "deals.nav", access: "read" },
  routes: [
    { path: "deals", ...lazyPage(() => import("./routes/BoardPage")) },
    { path: "deals/new", ...lazyPage(() => import("./routes/NewDealPage")) },
    { path: "deals/:dealId", ...lazyPage(() => import("./routes/DealPage")) },
  ],
  texts: dealsTexts,
};
