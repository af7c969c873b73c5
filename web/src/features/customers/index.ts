/** Customers: the list and the customer page. */
import { lazyPage, type Feature } from "@/app/feature";

export const customersFeature: Feature = {
  id: "customers",
  nav: { to: "/customers", label: "nav.customers", access: "read" },
  routes: [
    { path: "customers", ...lazyPage(() => import("./routes/CustomersListPage"), ["views", "deletedCustomers"]) },
    { path: "customers/new", ...lazyPage(() => import("./routes/NewCustomerPage")) },
    { path: "customers/:customerId", ...lazyPage(() => import("./routes/CustomerPage"), ["activities", "deals", "orders", "leads"]) },
  ],
  commands: [{ id: "customers:new", label: "customers.new", to: "/customers/new", access: "write", group: "create" }],
};
