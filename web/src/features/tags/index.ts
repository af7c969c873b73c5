/** Tags: the registry with colours, descriptions and counts; admins add tags, change their colour and description,
 * and rename or merge one on every record. */
import { lazyPage, type Feature } from "@/app/feature";

export const tagsFeature: Feature = {
  id: "tags",
  nav: { to: "/tags", label: "tags.nav", access: "read", group: "manage" },
  routes: [{ path: "tags", ...lazyPage(() => import("./routes/TagsPage")) }],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: { en: { nav: "Tags" }, el: { nav: "Ετικέτες" } },
};
