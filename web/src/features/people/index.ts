/** People: the contact persons of customers, their list and page, a panel on the customer page, and the people
 * that match a search of the customers list. */
import { lazy } from "react";
import { lazyPage, type Feature } from "@/app/feature";

export const peopleFeature: Feature = {
  id: "people",
  nav: { to: "/people", label: "people.nav", access: "read" },
  routes: [
    { path: "people", ...lazyPage(() => import("./routes/PeopleListPage")) },
    { path: "people/:personId", ...lazyPage(() => import("./routes/PersonPage")) },
  ],
  texts: () => import("./texts").then((m) => ({ en: m.en, el: m.el })),
  menuTexts: { en: { nav: "People" }, el: { nav: "Πρόσωπα" } },
  customerPanels: [{ id: "people", column: "main", Panel: lazy(() => import("./components/CustomerPeoplePanel")) }],
  customerSearchPanels: [{ id: "people", Panel: lazy(() => import("./components/PeopleSearchStrip")) }],
};
