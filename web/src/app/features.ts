/** Every feature of the console, in menu order. */
import { customersFeature } from "@/features/customers";
import { partnersFeature } from "@/features/partners";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [customersFeature, partnersFeature];

/** The features' own texts by feature id, for i18n. */
export const FEATURE_TEXTS = Object.fromEntries(
  FEATURES.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])),
);
