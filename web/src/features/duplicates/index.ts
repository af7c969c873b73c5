/** Duplicates: likely duplicate customers in pairs, and merging them (managers and admins). */
import { lazyPage, type Feature } from "@/app/feature";

export const duplicatesFeature: Feature = {
  id: "duplicates",
  nav: { to: "/duplicates", label: "duplicates.nav", access: "write", when: (me) => me.assigns_owners, group: "manage" },
  routes: [{ path: "duplicates", ...lazyPage(() => import("./routes/DuplicatesPage")) }],
  texts: () => import("./texts").then((m) => ({ en: m.en, el: m.el })),
  menuTexts: { en: { nav: "Duplicates" }, el: { nav: "Διπλότυπα" } },
};
