/** Orders: the list, the new-order form, and an order's page with the status moves it allows. */
import { lazyPage, type Feature } from "@/app/feature";

export const ordersFeature: Feature = {
  id: "orders",
  nav: { to: "/orders", label: "orders.nav", access: "read" },
  routes: [
    { path: "orders", ...lazyPage(() => import("./routes/OrdersListPage")) },
    { path: "orders/new", ...lazyPage(() => import("./routes/NewOrderPage")) },
    { path: "orders/:orderId", ...lazyPage(() => import("./routes/OrderPage")) },
  ],
  texts: () => import("./texts").then((m) => m.ordersTexts),
  menuTexts: { en: { nav: "Orders", new: "New order" }, el: { nav: "Παραγγελίες", new: "Νέα παραγγελία" } },
  commands: [{ id: "orders:new", label: "orders.new", to: "/orders/new", access: "write", group: "create" }],
};
