import { Navigate } from "react-router";

/** /integrations opens its first screen. */
export default function IntegrationsIndex() {
  return <Navigate to="/integrations/webhooks" replace />;
}
