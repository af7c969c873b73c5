/** Deleted customers: found and restored by those who may restore them. */
import { lazyPage, type Feature } from "@/app/feature";

export const deletedCustomersFeature: Feature = {
  id: "deletedCustomers",
  routes: [{ path: "customers/deleted", ...lazyPage(() => import("./routes/DeletedCustomersPage")) }],
  texts: () => import("./texts").then((m) => m.deletedCustomersTexts),
  menuTexts: { en: { title: "Deleted customers" }, el: { title: "Διαγραμμένοι πελάτες" } },
  commands: [
    { id: "customers:deleted", label: "deletedCustomers.title", to: "/customers/deleted", access: "write", group: "go" },
  ],
};
