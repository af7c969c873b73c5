import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The two ways to see deals, the board of a pipeline and the list, each keeping the pipeline chosen. */
export function DealViews({ current, pipelineId }: { current: "board" | "list"; pipelineId: string }) {
  const { t } = useTranslation();
  const query = pipelineId ? `?pipeline=${encodeURIComponent(pipelineId)}` : "";
  const views = [{ id: "board", to: `/deals${query}` }, { id: "list", to: `/deals/list${query}` }] as const;
  return (
    <nav className="tabs deal-views" aria-label={t("deals.views.label")}>
      {views.map((view) => (
        <Link key={view.id} to={view.to} aria-current={current === view.id ? "page" : undefined}
          className={current === view.id ? "active" : undefined}>
          {t(`deals.views.${view.id}`)}
        </Link>
      ))}
    </nav>
  );
}
