/** Partners: the partner programme's partners, each with its wallets, figures and tracked links. Managers and admins
 * see every partner; an affiliate sees only their own. */
import { lazyPage, type Feature } from "@/app/feature";

export const partnersFeature: Feature = {
  id: "partners",
  nav: { to: "/partners", label: "partners.nav", access: "partners" },
  routes: [
    { path: "partners", ...lazyPage(() => import("./routes/PartnersListPage")) },
    { path: "partners/:partnerId", ...lazyPage(() => import("./routes/PartnerPage")) },
  ],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: { en: { nav: "Partners" }, el: { nav: "Συνεργάτες" } },
};
