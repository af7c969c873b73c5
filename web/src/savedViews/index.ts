/** Saved views of the console's lists: a bar any list screen shows (SavedViewsBar), and its texts, registered in
 * app/features.ts under the id "views". */
import type { Feature } from "@/app/feature";

export const savedViewsTexts: Feature = {
  id: "views",
  routes: [],
  texts: () => import("./texts").then((m) => m.viewsTexts),
};
