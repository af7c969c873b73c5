/** Activities: my work (open and overdue), an activity's page, the new-activity form, and the panel of a customer's
 * activities that the customer page shows. */
import { lazyPage, type Feature } from "@/app/feature";
import { activitiesTexts } from "./texts";

export { CustomerActivitiesPanel } from "./components/CustomerActivitiesPanel";

export const activitiesFeature: Feature = {
  id: "activities",
  nav: { to: "/activities", label: "activities.nav", access: "read" },
  routes: [
    { path: "activities", ...lazyPage(() => import("./routes/MyWorkPage")) },
    { path: "activities/new", ...lazyPage(() => import("./routes/NewActivityPage")) },
    { path: "activities/:activityId", ...lazyPage(() => import("./routes/ActivityPage")) },
  ],
  texts: activitiesTexts,
  commands: [{ id: "activities:new", label: "activities.new", to: "/activities/new", access: "write", group: "create" }],
};
