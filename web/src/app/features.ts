/** Every feature of the console, in menu order. */
import { accountsFeature } from "@/features/accounts";
import { activitiesFeature } from "@/features/activities";
import { adminFeature } from "@/features/admin";
import { assistantsFeature } from "@/features/assistants";
import { customersFeature } from "@/features/customers";
import { dealsFeature } from "@/features/deals";
import { deletedCustomersFeature } from "@/features/deletedCustomers";
import { duplicatesFeature } from "@/features/duplicates";
import { integrationsFeature } from "@/features/integrations";
import { leadsFeature } from "@/features/leads";
import { ordersFeature } from "@/features/orders";
import { partnersFeature } from "@/features/partners";
import { peopleFeature } from "@/features/people";
import { pipelinesFeature } from "@/features/pipelines";
import { productsFeature } from "@/features/products";
import { reportsFeature } from "@/features/reports";
import { tagsFeature } from "@/features/tags";
import { transferFeature } from "@/features/transfer";
import { UI_TEXTS_ID, uiTexts } from "@/components/texts";
import { savedViewsTexts } from "@/savedViews";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [
  customersFeature, peopleFeature, accountsFeature, duplicatesFeature, deletedCustomersFeature, dealsFeature,
  leadsFeature,
  reportsFeature, pipelinesFeature, activitiesFeature, ordersFeature, productsFeature, tagsFeature, transferFeature,
  partnersFeature, integrationsFeature, assistantsFeature, adminFeature,
  savedViewsTexts, // not a screen: the saved views' texts, shared by the customers table and the board
];

/** The features' own texts by feature id, and the shared components' under "ui", for i18n. */
export const FEATURE_TEXTS = Object.fromEntries([
  ...FEATURES.flatMap((feature) => (feature.texts ? [[feature.id, feature.texts]] : [])),
  [UI_TEXTS_ID, uiTexts],
]);
