/** Pipelines and their stages, for admins. */
import { lazyPage, type Feature } from "@/app/feature";

export const pipelinesFeature: Feature = {
  id: "pipelines",
  nav: { to: "/admin/pipelines", label: "pipelines.nav", access: "admin", group: "manage" },
  routes: [{ path: "admin/pipelines", ...lazyPage(() => import("./routes/PipelinesPage")) }],
  texts: () => import("./texts").then((m) => m.pipelinesTexts),
  menuTexts: { en: { nav: "Pipelines" }, el: { nav: "Ροές πωλήσεων" } },
};
