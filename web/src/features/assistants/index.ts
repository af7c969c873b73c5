/** Assistants: how to connect an AI assistant to the CRM over MCP, and the tools it gets. For admins. */
import { lazyPage, type Feature } from "@/app/feature";

export const assistantsFeature: Feature = {
  id: "assistants",
  nav: { to: "/assistants", label: "assistants.nav", access: "admin", group: "manage" },
  routes: [{ path: "assistants", ...lazyPage(() => import("./routes/AssistantsPage")) }],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: { en: { nav: "Assistants" }, el: { nav: "Βοηθοί" } },
};
