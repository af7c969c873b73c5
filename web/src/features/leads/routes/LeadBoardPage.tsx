import { useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { matchesQuery } from "@/components/fold";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useSlashFocus } from "@/components/useSlashFocus";
import { useLiveSignal } from "@/live/useLiveSignal";
import { leadKeys, useLeadBoard, useLeadPipelines } from "../api";
import { LeadBoardView } from "../components/LeadBoardView";
import {
  leadFiltersFromParams, leadFiltersToParams, type LeadBoardFilters, type LeadCard,
} from "../logic/leadBoard";
import "../leads.css";

/** The lead board of a lead pipeline: pick the pipeline and whose leads, find a lead on it. */
export default function LeadBoardPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const asked = leadFiltersFromParams(params);
  const find = params.get("find") ?? "";
  const pipelines = useLeadPipelines();
  const pipelineId = asked.pipelineId || pipelines.data?.results[0]?.id || "";
  const ownRecordsOnly = !me.sees_every_record;
  const filters: LeadBoardFilters = { pipelineId, ownerId: ownRecordsOnly ? "" : asked.ownerId };
  const board = useLeadBoard(filters);
  const findBox = useRef<HTMLInputElement>(null);
  useSlashFocus(findBox);
  // Any change to a customer the user may see may move a lead: the board refetches (its counts cost one read).
  useLiveSignal({ kind: "customers", ownerId: ownRecordsOnly ? me.uid : undefined }, [leadKeys.boards()]);

  const setFilters = useCallback((next: LeadBoardFilters, nextFind = find) =>
    setParams(leadFiltersToParams(next, nextFind), { replace: true }), [setParams, find]);
  const shows = useMemo(() => (card: LeadCard) => matchesQuery(find, [card.name, card.organization]), [find]);
  const movable = me.can("write");
  const owners = ["", me.uid, ...(asked.ownerId && asked.ownerId !== me.uid ? [asked.ownerId] : [])];

  if (pipelines.isPending) return <div className="page"><Spinner label={t("app.loading")} /></div>;
  if (pipelines.isError) return <div className="page"><ErrorState error={pipelines.error} /></div>;
  return (
    <div className="page board-page">
      <div className="page-head"><h1>{t("leads.title")}</h1></div>
      {!pipelineId ? (
        <EmptyState><p>{t("leads.noPipeline")}</p></EmptyState>
      ) : (
        <>
          <form className="filters board-filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="lead-pipeline">{t("leads.filters.pipeline")}</label>
              <select id="lead-pipeline" value={pipelineId}
                onChange={(e) => setFilters({ ...filters, pipelineId: e.target.value })}>
                {pipelines.data.results.map((p) => (
                  <option key={p.id} value={p.id}>{p.name}{p.is_default ? ` (${t("leads.filters.default")})` : ""}</option>
                ))}
              </select>
            </div>
            {!ownRecordsOnly && (
              <div className="field">
                <label htmlFor="lead-owner">{t("leads.filters.owner")}</label>
                <select id="lead-owner" value={filters.ownerId}
                  onChange={(e) => setFilters({ ...filters, ownerId: e.target.value })}>
                  {owners.map((owner) => (
                    <option key={owner || "everyone"} value={owner}>
                      {owner === "" ? t("leads.filters.everyone") : owner === me.uid ? t("leads.filters.mine") : owner}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field grow">
              <label htmlFor="lead-find">{t("leads.filters.find")}</label>
              <input id="lead-find" ref={findBox} type="search" value={find} autoComplete="off"
                aria-describedby="lead-find-hint" onChange={(e) => setFilters(filters, e.target.value)} />
              <small id="lead-find-hint" className="hint">{t("leads.filters.findHint")}</small>
            </div>
          </form>
          {!movable && <p className="muted">{t("leads.viewOnly")}</p>}
          {ownRecordsOnly && movable && <p className="muted">{t("leads.ownOnly")}</p>}
          {board.isPending ? (
            <Spinner label={t("app.loading")} />
          ) : board.isError && !board.data ? (
            <ErrorState error={board.error} onRetry={() => void board.refetch()} />
          ) : (
            <>
              <p className="count" role="status">{t("leads.total", { count: board.data.total })}</p>
              <LeadBoardView board={board.data} filters={filters} movable={movable} shows={shows} />
            </>
          )}
        </>
      )}
    </div>
  );
}
