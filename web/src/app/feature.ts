/** What a feature folder gives the app: its routes (lazy, one chunk per page) and, optionally, a menu entry.
 * A new screen is a folder under features/ with an index.ts exporting a Feature, listed once in features.ts. */
import type { RouteObject } from "react-router";

export type AccessKind = "read" | "write" | "reports" | "admin" | "partners" | "partner_management";

/** A feature's own UI text, in every language, read as `t("<feature id>.<key>")`. */
export interface FeatureTexts {
  en: Record<string, unknown>;
  el: Record<string, unknown>;
}

export interface Feature {
  id: string;
  nav?: { to: string; label: string; access: AccessKind };
  routes: RouteObject[];
  texts?: FeatureTexts;
}

/** A route whose page module is loaded only when the route is first visited. */
export function lazyPage(load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}
