/** Products: the catalog, searched by name or SKU; admins add products and take them off sale. */
import { lazyPage, type Feature } from "@/app/feature";

export const productsFeature: Feature = {
  id: "products",
  nav: { to: "/products", label: "products.nav", access: "read" },
  routes: [{ path: "products", ...lazyPage(() => import("./routes/ProductsPage")) }],
  texts: () => import("./texts").then((m) => m.texts),
  menuTexts: { en: { nav: "Products" }, el: { nav: "Προϊόντα" } },
};
