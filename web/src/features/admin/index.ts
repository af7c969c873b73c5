/** Administration: users' roles, currency rates and API keys (admins only). */
import { Navigate } from "react-router";
import { createElement } from "react";
import { lazyPage, type Feature } from "@/app/feature";

export const adminFeature: Feature = {
  id: "admin",
  nav: { to: "/admin/users", label: "admin.nav", access: "admin", group: "manage" },
  routes: [
    { path: "admin", element: createElement(Navigate, { to: "/admin/users", replace: true }) },
    { path: "admin/users", ...lazyPage(() => import("./routes/UsersPage")) },
    { path: "admin/currency-rates", ...lazyPage(() => import("./routes/CurrencyRatesPage")) },
    { path: "admin/api-keys", ...lazyPage(() => import("./routes/ApiKeysPage")) },
  ],
  texts: () => import("./texts").then((m) => m.adminTexts),
  menuTexts: {
    en: { nav: "Admin", rates: { title: "Currency rates" }, keys: { title: "API keys", new: "New API key" } },
    el: { nav: "Διαχείριση", rates: { title: "Ισοτιμίες" }, keys: { title: "Κλειδιά API", new: "Νέο κλειδί API" } },
  },
  commands: [
    { id: "admin:rates", label: "admin.rates.title", to: "/admin/currency-rates", access: "admin", group: "go" },
    { id: "admin:keys", label: "admin.keys.title", to: "/admin/api-keys", access: "admin", group: "go" },
    { id: "admin:new-key", label: "admin.keys.new", to: "/admin/api-keys", access: "admin", group: "create" },
  ],
};
