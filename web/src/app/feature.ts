/** What a feature folder gives the app: its routes (lazy, one chunk per page) and, optionally, a menu entry.
 * A new screen is a folder under features/ with an index.ts exporting a Feature, listed once in features.ts. */
import type { ComponentType } from "react";
import type { RouteObject } from "react-router";
import type { Customer, Me } from "@/api/types";

export type AccessKind = "read" | "write" | "reports" | "admin" | "partners" | "partner_management";

/** A feature's own UI text, in every language, read as `t("<feature id>.<key>")`. */
export interface FeatureTexts {
  en: Record<string, unknown>;
  el: Record<string, unknown>;
}

/** What a page route may say about itself: the ids of other features whose texts it shows (its own load anyway). */
export interface PageHandle {
  texts?: string[];
}

/** An entry of the command menu (Ctrl/Cmd+K): a screen to go to, or something to create. */
export interface FeatureCommand {
  id: string;
  /** A text key, like nav labels. */
  label: string;
  to: string;
  access: AccessKind;
  group: "go" | "create";
}

/** What a panel on the customer page gets: the record as shown, and a way to show a version it saved. */
export interface CustomerPanelProps {
  customer: Customer;
  onSaved: (saved: Customer) => void;
}

export interface Feature {
  id: string;
  /** ``when`` narrows the entry further than its access (e.g. managers and admins only); ``group: "manage"`` puts it
   * in the menu's Manage list (set-up and housekeeping screens) instead of the top bar itself. */
  nav?: { to: string; label: string; access: AccessKind; when?: (me: Me) => boolean; group?: "manage" };
  routes: RouteObject[];
  /** The feature's texts, loaded with its pages and panels (a chunk of their own, both languages). */
  texts?: () => Promise<FeatureTexts>;
  /** The few texts the menu and the command menu show before any page of the feature loads: its nav label and its
   * commands' labels (under the same id; kept out of ``texts``). */
  menuTexts?: FeatureTexts;
  /** More entries for the command menu than the menu entry, which it offers anyway. */
  commands?: FeatureCommand[];
  /** Panels of the customer page, in its main or side column (lazy components: each loads with the page). */
  customerPanels?: { id: string; column: "main" | "side"; Panel: ComponentType<CustomerPanelProps> }[];
  /** Shown on the customers list while it is searched, under the filters (e.g. people matching the search). */
  customerSearchPanels?: { id: string; Panel: ComponentType<{ search: string }> }[];
}

/** A route whose page module is loaded only when the route is first visited, with its feature's texts and those of
 * ``texts`` (other features' ids whose texts the page shows). */
export function lazyPage(load: () => Promise<{ default: React.ComponentType }>,
  texts?: string[]): Pick<RouteObject, "lazy" | "handle"> {
  const handle: PageHandle | undefined = texts && { texts };
  return { lazy: async () => ({ Component: (await load()).default }), ...(handle && { handle }) };
}
