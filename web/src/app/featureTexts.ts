/** The features' texts load with what shows them: a page route waits for its feature's texts and those its handle
 * names, a panel in another feature's screen suspends until its feature's are there; so no text shows as a raw key. */
import i18next from "i18next";
import type { RouteObject } from "react-router";
import { TextsOnDemand, type TextsLoader } from "@/i18n/featureTexts";
import type { Feature, PageHandle } from "./feature";
import { FEATURES } from "./features";

export function textsOnDemand(features: readonly Feature[], i18n = i18next): TextsOnDemand {
  const loaders: Record<string, TextsLoader> = Object.fromEntries(
    features.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])));
  return new TextsOnDemand(loaders, i18n);
}

export const featureTexts = textsOnDemand(FEATURES);

/** ``route`` (and its children) loading the texts of ``ids`` and of its handle's ids before it renders: with the
 * page's module when it is lazy, else before its loader (or in a loader of its own). */
export function withTexts(route: RouteObject, ids: readonly string[], texts: TextsOnDemand = featureTexts): RouteObject {
  const wanted = [...ids, ...((route.handle as PageHandle | undefined)?.texts ?? [])];
  const wrapped = { ...route } as RouteObject & { lazy?: unknown; loader?: unknown };
  if (route.children) wrapped.children = route.children.map((child) => withTexts(child, ids, texts));
  const { lazy, loader } = route;
  if (typeof lazy === "function") {
    wrapped.lazy = async () => (await Promise.all([lazy(), texts.load(wanted)]))[0];
  } else if (typeof loader === "function") {
    wrapped.loader = async (...args: Parameters<typeof loader>) => (await texts.load(wanted), loader(...args));
  } else if (route.element !== undefined || route.Component) {
    wrapped.loader = () => texts.load(wanted).then(() => null);
  }
  return wrapped;
}

/** Suspends the component until the texts of ``ids`` are there (it must be under a Suspense); throws a failed load's
 * error to the nearest error boundary. */
export function useFeatureTexts(ids: readonly string[], texts: TextsOnDemand = featureTexts): void {
  if (texts.loaded(ids)) return;
  const error = texts.error(ids);
  if (error !== undefined) throw error;
  throw texts.load(ids).catch(() => undefined);
}
