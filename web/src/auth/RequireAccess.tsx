import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState } from "@/components/States";
import { Spinner } from "@/components/States";
import { NoAccessPage } from "./NoAccessPage";
import { useMe, useUser } from "./session";

/** The gate in front of every screen but sign-in: a Firebase user, and a role the API recognises. */
export function RequireAccess() {
  const { t } = useTranslation();
  const user = useUser();
  const location = useLocation();
  const me = useMe();
  if (user === undefined) return <Spinner label={t("app.loading")} />;
  if (user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  if (me.isPending) return <Spinner label={t("app.loading")} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data.role) return <NoAccessPage me={me.data} />;
  return <Outlet />;
}
