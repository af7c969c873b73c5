/** Activities: my work (open and overdue), an activity's page, the new-activity form, and the panel of a customer's
 * activities that the customer page shows. */
import { createElement, lazy, Suspense } from "react";
import { lazyPage, type Feature } from "@/app/feature";

const ActivitiesPanel = lazy(() => import("./components/CustomerActivitiesPanel")
  .then((module) => ({ default: module.CustomerActivitiesPanel })));

/** The customer page's panel of the customer's activities, loaded with that page (not with the app). */
export function CustomerActivitiesPanel(props: { customerId: string }) {
  return createElement(Suspense, { fallback: null }, createElement(ActivitiesPanel, props));
}

export const activitiesFeature: Feature = {
  id: "activities",
  nav: { to: "/activities", label: "activities.nav", access: "read" },
  routes: [
    { path: "activities", ...lazyPage(() => import("./routes/MyWorkPage")) },
    { path: "activities/new", ...lazyPage(() => import("./routes/NewActivityPage")) },
    { path: "activities/:activityId", ...lazyPage(() => import("./routes/ActivityPage")) },
  ],
  texts: () => import("./texts").then((m) => m.activitiesTexts),
  menuTexts: { en: { nav: "My work", new: "New activity" }, el: { nav: "Οι εργασίες μου", new: "Νέα ενέργεια" } },
  commands: [{ id: "activities:new", label: "activities.new", to: "/activities/new", access: "write", group: "create" }],
};
