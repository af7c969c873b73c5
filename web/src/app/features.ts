/** Every feature of the console, in menu order. */
import { accountsFeature } from "@/features/accounts";
import { customersFeature } from "@/features/customers";
import { duplicatesFeature } from "@/features/duplicates";
import { peopleFeature } from "@/features/people";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [customersFeature, peopleFeature, accountsFeature, duplicatesFeature];

/** The features' own texts by feature id, for i18n. */
export const FEATURE_TEXTS = Object.fromEntries(
  FEATURES.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])),
);
