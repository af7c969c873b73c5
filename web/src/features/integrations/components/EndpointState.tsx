import { useTranslation } from "react-i18next";
import type { WebhookEndpoint } from "../api";

/** Enabled, failing (retrying) or disabled, as a badge. */
export function EndpointState({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const state = !endpoint.enabled ? "disabled" : endpoint.failing_since ? "failing" : "active";
  return <span className={`badge hook-${state}`}>{t(`integrations.endpointState.${state}`)}</span>;
}
