/** Short names for the API's models, from the generated schema. */
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Me = Schemas["Me"];
export type Customer = Schemas["Customer"];
export type CustomersPage = Schemas["CustomersPage"];
export type CustomerCreate = Schemas["CustomerCreate"];
export type CustomerUpdate = Schemas["CustomerUpdate"];
export type BulkRequest = Schemas["BulkRequest"];
export type BulkResult = Schemas["BulkResult"];
export type CustomerStatus = Schemas["CustomerStatus"];
export type CustomerSource = Schemas["CustomerSource"];
export type CustomerSummary = Schemas["CustomerSummary"];
export type Contact = Schemas["Contact"];
export type OwnedItem = Customer["owned_items"][number];
export type AuditEntry = Schemas["AuditEntry"];
export type Deal = Schemas["Deal"];
export type Order = Schemas["Order"];
export type Activity = Schemas["Activity"];
export type CustomerListItem = Schemas["CustomerListItem"];
export type SearchMatch = Schemas["SearchMatch"];
export type DirectoryUser = Schemas["DirectoryUser"];
export type Role = Schemas["Role"];

export const CUSTOMER_STATUSES: CustomerStatus[] = ["lead", "prospect", "customer", "churned"];
export const CUSTOMER_SOURCES: CustomerSource[] = ["website", "referral", "advertising", "cold_outreach", "other"];
export const CONTACT_TYPES: Contact["type"][] = ["email", "phone", "whatsapp", "other"];
export const CUSTOMER_ORDERS = [
  "name", "-name", "created_at", "-created_at", "updated_at", "-updated_at", "lifetime_value", "-lifetime_value",
] as const;
export type CustomerOrder = (typeof CUSTOMER_ORDERS)[number];
