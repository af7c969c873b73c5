/** Leads: the lead board of a lead pipeline (stages, substages, scores), and converting a lead into a deal. */
import { lazy } from "react";
import { lazyPage, type Feature } from "@/app/feature";

export const leadsFeature: Feature = {
  id: "leads",
  nav: { to: "/leads", label: "leads.nav", access: "read" },
  routes: [{ path: "leads", ...lazyPage(() => import("./routes/LeadBoardPage")) }],
  texts: () => import("./texts").then((m) => m.leadsTexts),
  menuTexts: { en: { nav: "Lead board" }, el: { nav: "Πίνακας δυνητικών" } },
};

/** The dialog that converts a lead into a deal (pipeline, title, value, expected close), loaded when first shown. */
export const ConvertLeadDialog = lazy(() => import("./components/ConvertDialog"));
export type { ConvertLeadProps } from "./components/ConvertDialog";
