/** Integrations (admins only): webhook endpoints with their deliveries, and lead sources with the form to embed. */
import { lazyPage, type Feature } from "@/app/feature";

export const integrationsFeature: Feature = {
  id: "integrations",
  nav: { to: "/integrations", label: "integrations.nav", access: "admin", group: "manage" },
  routes: [
    { path: "integrations", ...lazyPage(() => import("./routes/IntegrationsIndex")) },
    { path: "integrations/webhooks", ...lazyPage(() => import("./routes/WebhooksPage")) },
    { path: "integrations/webhooks/:endpointId", ...lazyPage(() => import("./routes/WebhookEndpointPage")) },
    { path: "integrations/lead-sources", ...lazyPage(() => import("./routes/LeadSourcesPage")) },
    { path: "integrations/lead-sources/:sourceId", ...lazyPage(() => import("./routes/LeadSourcePage")) },
  ],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: { en: { nav: "Integrations" }, el: { nav: "Διασυνδέσεις" } },
};
