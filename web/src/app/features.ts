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

/** The texts bundled with the app, by id: the shared components' under "ui" and each feature's menu texts (its own
 * texts load with its pages: featureTexts.ts). */
export const BUNDLED_TEXTS = Object.fromEntries([
  ...FEATURES.flatMap((feature) => (feature.menuTexts ? [[feature.id, feature.menuTexts]] : [])),
  [UI_TEXTS_ID, uiTexts],
]);
