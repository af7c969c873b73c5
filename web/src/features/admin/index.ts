/** Administration: users' roles, currency rates and API keys (admins only). */
import { Navigate } from "react-router";
import { createElement } from "react";
import { lazyPage, type Feature } from "@/app/feature";
import { adminTexts } from "./texts";

export const adminFeature: Feature = {
  id: "admin",
  nav: { to: "/admin/users", label: "admin.nav", access: "admin" },
  routes: [
    { path: "admin", element: createElement(Navigate, { to: "/admin/users", replace: true }) },
    { path: "admin/users", ...lazyPage(() => import("./routes/UsersPage")) },
    { path: "admin/currency-rates", ...lazyPage(() => import("./routes/CurrencyRatesPage")) },
    { path: "admin/api-keys", ...lazyPage(() => import("./routes/ApiKeysPage")) },
  ],
  texts: adminTexts,
  commands: [
    { id: "admin:rates", label: "admin.rates.title", to: "/admin/currency-rates", access: "admin", group: "go" },
    { id: "admin:keys", label: "admin.keys.title", to: "/admin/api-keys", access: "admin", group: "go" },
    { id: "admin:new-key", label: "admin.keys.new", to: "/admin/api-keys", access: "admin", group: "create" },
  ],
};
