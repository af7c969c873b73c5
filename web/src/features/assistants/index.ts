/** Assistants: how to connect an AI assistant to the CRM over MCP, and the tools it gets. For admins. */
import { lazyPage, type Feature } from "@/app/feature";
import { texts } from "./texts";

export const assistantsFeature: Feature = {
  id: "assistants",
  nav: { to: "/assistants", label: "assistants.nav", access: "admin" },
  routes: [{ path: "assistants", ...lazyPage(() => import("./routes/AssistantsPage")) }],
  texts,
};
