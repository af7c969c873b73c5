/** Every feature of the console, in menu order. */
import { customersFeature } from "@/features/customers";
import type { Feature } from "./feature";

export const FEATURES: Feature[] = [customersFeature];
