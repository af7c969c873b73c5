/** Import and export: files in and out, and the caller's jobs with their progress, errors and downloads. */
import { lazyPage, type Feature } from "@/app/feature";
import { transferTexts } from "./texts";

export const transferFeature: Feature = {
  id: "transfer",
  nav: { to: "/data", label: "transfer.nav", access: "read" },
  routes: [{ path: "data", ...lazyPage(() => import("./routes/TransferPage")) }],
  texts: transferTexts,
};
