/** Deleted customers: found and restored by those who may restore them. */
import { lazyPage, type Feature } from "@/app/feature";
import { deletedCustomersTexts } from "./texts";

export const deletedCustomersFeature: Feature = {
  id: "deletedCustomers",
  routes: [{ path: "customers/deleted", ...lazyPage(() => import("./routes/DeletedCustomersPage")) }],
  texts: deletedCustomersTexts,
  commands: [
    { id: "customers:deleted", label: "deletedCustomers.title", to: "/customers/deleted", access: "write", group: "go" },
  ],
};
