/** People: the contact persons of customers, their list and page, a panel on the customer page, and the people
 * that match a search of the customers list. */
import { lazy } from "react";
import { lazyPage, type Feature } from "@/app/feature";
import { el, en } from "./texts";

export const peopleFeature: Feature = {
  id: "people",
  nav: { to: "/people", label: "people.nav", access: "read" },
  routes: [
    { path: "people", ...lazyPage(() => import("./routes/PeopleListPage")) },
    { path: "people/:personId", ...lazyPage(() => import("./routes/PersonPage")) },
  ],
  texts: { en, el },
  customerPanels: [{ id: "people", column: "main", Panel: lazy(() => import("./components/CustomerPeoplePanel")) }],
  customerSearchPanels: [{ id: "people", Panel: lazy(() => import("./components/PeopleSearchStrip")) }],
};
