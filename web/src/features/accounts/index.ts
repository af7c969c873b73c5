/** Accounts: on the customer page, the kind switch, an organization's company fields and parent account, and
 * its figures. */
import { lazy } from "react";
import type { Feature } from "@/app/feature";
import { el, en } from "./texts";

export const accountsFeature: Feature = {
  id: "accounts",
  routes: [],
  texts: { en, el },
  customerPanels: [
    { id: "account", column: "main", Panel: lazy(() => import("./components/AccountPanel")) },
    { id: "figures", column: "side", Panel: lazy(() => import("./components/FiguresPanel")) },
  ],
};
