/** Import and export: files in and out, and the caller's jobs with their progress, errors and downloads. */
import { lazyPage, type Feature } from "@/app/feature";

export const transferFeature: Feature = {
  id: "transfer",
  nav: { to: "/data", label: "transfer.nav", access: "read", group: "manage" },
  routes: [{ path: "data", ...lazyPage(() => import("./routes/TransferPage")) }],
  texts: () => import("./texts").then((m) => m.transferTexts),
  menuTexts: { en: { nav: "Import & export" }, el: { nav: "Εισαγωγή & εξαγωγή" } },
};
