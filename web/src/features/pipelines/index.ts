/** Pipelines and their stages, for admins. */
import { lazyPage, type Feature } from "@/app/feature";
import { pipelinesTexts } from "./texts";

export const pipelinesFeature: Feature = {
  id: "pipelines",
  nav: { to: "/admin/pipelines", label: "pipelines.nav", access: "admin" },
  routes: [{ path: "admin/pipelines", ...lazyPage(() => import("./routes/PipelinesPage")) }],
  texts: pipelinesTexts,
};
