import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toUserError } from "@/api/errors";
import { useNotify } from "@/components/Toasts";
import { formatDateTime } from "@/i18n/format";
import { useDismissNotice, useNotices } from "../api";

/** What admins should act on: endpoints disabled because they kept failing. */
export function NoticesBanner() {
  const { t, i18n } = useTranslation();
  const notices = useNotices();
  const dismiss = useDismissNotice();
  const notify = useNotify();
  if (!notices.data?.results.length) return null;
  return (
    <section aria-label={t("integrations.notices")}>
      {notices.data.results.map((notice) => (
        <div key={notice.id} className="notice warning" role="alert">
          <p>{notice.message} <span className="muted">{formatDateTime(notice.created_at, i18n.resolvedLanguage ?? "en")}</span></p>
          <div className="actions">
            {notice.endpoint_id && (
              <Link to={`/integrations/webhooks/${notice.endpoint_id}`}>{t("integrations.openEndpoint")}</Link>
            )}
            <button type="button" disabled={dismiss.isPending}
              onClick={() => dismiss.mutate(notice.id, {
                onError: (error) => notify(toUserError(error, t).message, { tone: "error" }),
              })}>
              {t("integrations.dismiss")}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
