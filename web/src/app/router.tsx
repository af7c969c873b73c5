import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate } from "react-router";
import { Spinner } from "@/components/States";
import { RequireAccess } from "@/auth/RequireAccess";
import { lazyPage } from "./feature";
import { FEATURES } from "./features";
import { Layout, NotFoundPage } from "./Layout";

/** Screens that later features will provide; links to them (e.g. a customer's deals) say so until then. */
const UPCOMING = ["deals", "orders", "activities", "forecast", "dashboard", "admin"];

function Loading() {
  const { t } = useTranslation();
  return <Spinner label={t("app.loading")} />;
}

export const router = createBrowserRouter([
  {
    HydrateFallback: Loading,
    children: [
      { path: "/signin", ...lazyPage(() => import("@/auth/SignInPage")) },
      {
        element: <RequireAccess />,
        children: [
          {
            element: <Layout />,
            children: [
              { index: true, element: <Navigate to="/customers" replace /> },
              ...FEATURES.flatMap((feature) => feature.routes),
              ...UPCOMING.map((path) => ({ path: `${path}/*`, element: <NotFoundPage upcoming /> })),
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
