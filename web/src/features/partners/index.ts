/** Partners: the partner programme's partners, each with its wallets, figures, links, commissions and payouts;
 * managers and admins add and change partners, links and commission plans and pay the approved balances, admins set
 * the programme up. An affiliate sees only their own partner, read only. */
import { lazyPage, type Feature } from "@/app/feature";

export const partnersFeature: Feature = {
  id: "partners",
  nav: { to: "/partners", label: "partners.nav", access: "partners" },
  routes: [
    { path: "partners", ...lazyPage(() => import("./routes/PartnersListPage")) },
    { path: "partners/plans", ...lazyPage(() => import("./routes/PlansPage")) },
    { path: "partners/settings", ...lazyPage(() => import("./routes/SettingsPage")) },
    { path: "partners/:partnerId", ...lazyPage(() => import("./routes/PartnerPage")) },
  ],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: {
    en: { nav: "Partners", go: { plans: "Commission plans", settings: "Partner programme settings" } },
    el: { nav: "Συνεργάτες", go: { plans: "Πλάνα προμηθειών", settings: "Ρυθμίσεις προγράμματος συνεργατών" } },
  },
  commands: [
    { id: "partners:plans", label: "partners.go.plans", to: "/partners/plans", access: "partner_management", group: "go" },
    { id: "partners:settings", label: "partners.go.settings", to: "/partners/settings", access: "partner_management",
      group: "go" },
  ],
};
