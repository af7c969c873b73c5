/** Every feature of the console, in menu order. */
import { customersFeature } from "@/features/customers";
import { dealsFeature } from "@/features/deals";
import { pipelinesFeature } from "@/features/pipelines";
import { reportsFeature } from "@/features/reports";
import { savedViewsTexts } from "@/savedViews";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [customersFeature, dealsFeature, reportsFeature, pipelinesFeature, savedViewsTexts];

/** The features' own texts by feature id, for i18n. */
export const FEATURE_TEXTS = Object.fromEntries(
  FEATURES.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])),
);
