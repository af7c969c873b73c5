import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TickBox, type Ticked } from "@/components/bulk";
import { CustomerName } from "@/components/CustomerName";
import { onRowKeys } from "@/components/tableKeys";
import { UserName } from "@/components/UserName";
import { formatDate, formatMoney } from "@/i18n/format";
import type { Deal, Pipeline } from "../api";

interface Props {
  deals: Deal[];
  pipelines: Pipeline[];
  /** Whether to name each deal's pipeline beside its stage (the list shows several). */
  showPipeline: boolean;
  /** With a selection, a first column of boxes to tick deals for a change to all of them. */
  selection?: Ticked;
}

/** Deals as rows: title, customer, stage (won or lost marked), tags, value, owner, expected close. The arrow keys move between rows. */
export function DealTable({ deals, pipelines, showPipeline, selection }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const hint = useId();
  const pipelineOf = new Map(pipelines.map((pipeline) => [pipeline.id, pipeline]));
  return (
    <div className="table-wrap">
      <table className="record-table deal-table" aria-describedby={hint}>
        <caption className="visually-hidden">{t("deals.list.table")}</caption>
        <thead>
          <tr>
            {selection && (
              <TickBox header label={t("deals.bulk.selectAll")} checked={selection.allTicked} onChange={selection.tickAll} />
            )}
            <th scope="col">{t("deals.list.columns.title")}</th>
            <th scope="col" className="col-wide">{t("deals.list.columns.customer")}</th>
            <th scope="col">{t("deals.list.columns.stage")}</th>
            <th scope="col" className="col-wide">{t("deals.list.columns.tags")}</th>
            <th scope="col" className="num">{t("deals.list.columns.value")}</th>
            <th scope="col" className="col-wide">{t("deals.list.columns.owner")}</th>
            <th scope="col" className="col-wide">{t("deals.list.columns.expectedClose")}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeys}>
          {deals.map((deal) => {
            const pipeline = pipelineOf.get(deal.pipeline_id);
            return (
              <tr key={deal.id}>
                {selection && (
                  <TickBox label={t("deals.bulk.select", { name: deal.title })} checked={selection.isTicked(deal.id)}
                    onChange={(on) => selection.tick(deal.id, on)} />
                )}
                <th scope="row"><Link to={`/deals/${deal.id}`}>{deal.title}</Link></th>
                <td className="col-wide"><CustomerName id={deal.customer_id} /></td>
                <td>
                  {pipeline?.stages.find((stage) => stage.id === deal.stage)?.name ?? deal.stage}
                  {deal.status !== "open" && (
                    <span className={`badge deal-status-${deal.status} status-note`}>{t(`deals.status.${deal.status}`)}</span>
                  )}
                  {showPipeline && pipeline && <small className="muted deal-pipeline">{pipeline.name}</small>}
                </td>
                <td className="col-wide">{deal.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}</td>
                <td className="num">{formatMoney(deal.value, deal.currency, language)}</td>
                <td className="col-wide"><UserName uid={deal.owner_id} /></td>
                <td className="col-wide">{deal.expected_close_date && formatDate(deal.expected_close_date, language)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id={hint} className="visually-hidden">{t("ui.tableKeys")}</p>
    </div>
  );
}
