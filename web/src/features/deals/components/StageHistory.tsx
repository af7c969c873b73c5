import { useTranslation } from "react-i18next";
import { UserName } from "@/components/UserName";
import { formatDateTime } from "@/i18n/format";
import type { Deal, Pipeline } from "../api";

/** Where the deal has been: newest first, with who moved it and when. */
export function StageHistory({ deal, pipelines }: { deal: Deal; pipelines: Pipeline[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const name = (pipelineId: string | null | undefined, stageId: string | null | undefined) => {
    if (!stageId) return "";
    const pipeline = pipelines.find((p) => p.id === (pipelineId ?? deal.pipeline_id));
    return pipeline?.stages.find((s) => s.id === stageId)?.name ?? stageId;
  };
  const entries = [...deal.stage_history].reverse();
  return (
    <section className="panel" aria-labelledby="stage-history">
      <h2 id="stage-history">{t("deals.page.history")}</h2>
      <ol className="timeline">
        {entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <span>
              {entry.from
                ? t("deals.page.historyMove", { from: name(entry.pipeline_id, entry.from), to: name(entry.pipeline_id, entry.to) })
                : t("deals.page.historyStart", { to: name(entry.pipeline_id, entry.to) })}
            </span>
            <small className="muted">
              <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time> · <UserName uid={entry.by} />
            </small>
          </li>
        ))}
      </ol>
    </section>
  );
}
