/** Every feature of the console, in menu order. */
import { customersFeature } from "@/features/customers";
import { transferFeature } from "@/features/transfer";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [customersFeature, transferFeature];

/** The features' own texts by feature id, for i18n. */
export const FEATURE_TEXTS = Object.fromEntries(
  FEATURES.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])),
);
