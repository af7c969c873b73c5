import { createBrowserRouter, Navigate } from "react-router";
import { RequireAccess } from "@/auth/RequireAccess";
import { lazyPage } from "./feature";
import { FEATURES } from "./features";
import { Layout, NotFoundPage } from "./Layout";

export const router = createBrowserRouter([
  { path: "/signin", ...lazyPage(() => import("@/auth/SignInPage")) },
  {
    element: <RequireAccess />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/customers" replace /> },
          ...FEATURES.flatMap((feature) => feature.routes),
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
