/** Short messages after an action ("Changes saved"), announced to screen readers, with an optional action. */
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Toast {
  id: number;
  text: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

type Notify = (text: string, options?: { tone?: Toast["tone"]; action?: Toast["action"] }) => void;
const ToastContext = createContext<Notify>(() => undefined);
let serial = 0;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, options) => {
      const id = ++serial;
      setToasts((all) => [...all.slice(-2), { id, text, tone: options?.tone ?? "info", action: options?.action }]);
      window.setTimeout(() => dismiss(id), options?.action ? 15_000 : 6_000);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast ${toast.tone}`}>
            <span>{toast.text}</span>
            {toast.action && (
              <button type="button" onClick={() => { dismiss(toast.id); toast.action?.run(); }}>
                {toast.action.label}
              </button>
            )}
            <button type="button" className="link" aria-label={t("common.close")} onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(ToastContext);
}
