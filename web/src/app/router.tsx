import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate } from "react-router";
import { Spinner } from "@/components/States";
import { RequireAccess } from "@/auth/RequireAccess";
import { useAccess } from "@/auth/session";
import { lazyPage } from "./feature";
import { FEATURES } from "./features";
import { withTexts } from "./featureTexts";
import { Layout, NotFoundPage } from "./Layout";

/** Screens that later features will provide; links to them (e.g. a customer's deals) say so until then. */
const UPCOMING = ["deals", "orders", "activities", "forecast", "dashboard", "admin"];

function Loading() {
  const { t } = useTranslation();
  return <Spinner label={t("app.loading")} />;
}

/** The first screen: customers, or for an affiliate (who reads no customers) their partner programme. */
function Home() {
  const me = useAccess();
  return <Navigate to={me.can("read") || !me.can("partners") ? "/customers" : "/partners"} replace />;
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
              { index: true, element: <Home /> },
              ...FEATURES.flatMap((feature) => feature.routes.map((route) => withTexts(route, [feature.id]))),
              ...UPCOMING.map((path) => ({ path: `${path}/*`, element: <NotFoundPage upcoming /> })),
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
