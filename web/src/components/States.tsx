/** Loading, error and empty states, the same on every screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toUserError } from "@/api/errors";

export function Spinner({ label }: { label: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const shown = toUserError(error, t);
  return (
    <div className="state error" role="alert">
      <strong>{t("errors.title")}</strong>
      <span>{shown.message}</span>
      {onRetry && <button type="button" onClick={onRetry}>{t("errors.retry")}</button>}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}
