/** Accounts: on the customer page, the kind switch, an organization's company fields and parent account, and
 * its figures. */
import { lazy } from "react";
import type { Feature } from "@/app/feature";

export const accountsFeature: Feature = {
  id: "accounts",
  routes: [],
  texts: () => import("./texts").then((m) => ({ en: m.en, el: m.el })),
  customerPanels: [
    { id: "account", column: "main", Panel: lazy(() => import("./components/AccountPanel")) },
    { id: "figures", column: "side", Panel: lazy(() => import("./components/FiguresPanel")) },
  ],
};
