import { useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { ErrorState, Spinner } from "@/components/States";
import { useSlashFocus } from "@/components/useSlashFocus";
import { useLiveSignal } from "@/live/useLiveSignal";
import { SavedViewsBar } from "@/savedViews/SavedViewsBar";
import { dealKeys, useBoard, usePipelines, type BoardFilters } from "../api";
import { Board } from "../components/Board";
import { DealViews } from "../components/DealViews";
import type { Card } from "../logic/board";
import { boardFiltersFromParams, boardFiltersToParams, matchesFind } from "../logic/boardFilters";
import "../deals.css";

/** The deals board of a pipeline: pick the pipeline and whose deals, find a card, save the view. */
export default function BoardPage() {
  const { t } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const filters = boardFiltersFromParams(params);
  const find = params.get("find") ?? "";
  const pipelines = usePipelines();
  const board = useBoard(filters);
  const findBox = useRef<HTMLInputElement>(null);
  useSlashFocus(findBox);

  const pipelineId = board.data?.pipeline_id ?? filters.pipelineId;
  const ownRecordsOnly = !me.sees_every_record;
  useLiveSignal(pipelineId ? { kind: "deals", pipelineId, ownerId: ownRecordsOnly ? me.uid : undefined } : null,
    [dealKeys.boards()]);

  const setFilters = useCallback((next: BoardFilters, nextFind = find) =>
    setParams(boardFiltersToParams(next, nextFind), { replace: true }), [setParams, find]);
  const shows = useMemo(() => (card: Card) => matchesFind(find, card.title, card.customer_name), [find]);
  const movable = me.can("write");
  const owners = ["", me.uid, ...(filters.ownerId && filters.ownerId !== me.uid ? [filters.ownerId] : [])];

  return (
    <div className="page board-page">
      <div className="page-head">
        <h1>{t("deals.title")}</h1>
        {me.can("write") && (
          <Link className="button primary" to={`/deals/new${pipelineId ? `?pipeline=${pipelineId}` : ""}`}>
            {t("deals.new")}
          </Link>
        )}
      </div>
      <DealViews current="board" pipelineId={pipelineId} />
      <form className="filters board-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="board-pipeline">{t("deals.filters.pipeline")}</label>
          <select id="board-pipeline" value={pipelineId}
            onChange={(e) => setFilters({ ...filters, pipelineId: e.target.value })}>
            {!pipelines.data && pipelineId && <option value={pipelineId}>{board.data?.pipeline_name ?? pipelineId}</option>}
            {pipelines.data?.results.map((p) => (
              <option key={p.id} value={p.id}>{p.name}{p.is_default ? ` (${t("deals.filters.default")})` : ""}</option>
            ))}
          </select>
        </div>
        {!ownRecordsOnly && (
          <div className="field">
            <label htmlFor="board-owner">{t("deals.filters.owner")}</label>
            <select id="board-owner" value={filters.ownerId}
              onChange={(e) => setFilters({ ...filters, ownerId: e.target.value })}>
              {owners.map((owner) => (
                <option key={owner || "everyone"} value={owner}>
                  {owner === "" ? t("deals.filters.everyone") : owner === me.uid ? t("deals.filters.mine") : owner}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field grow">
          <label htmlFor="board-find">{t("deals.filters.find")}</label>
          <input id="board-find" ref={findBox} type="search" value={find} autoComplete="off"
            aria-describedby="board-find-hint" onChange={(e) => setFilters(filters, e.target.value)} />
          <small id="board-find-hint" className="hint">{t("deals.filters.findHint")}</small>
        </div>
      </form>
      <SavedViewsBar resource="deals_board"
        current={{ pipeline_id: pipelineId || null, owner_id: filters.ownerId || null }}
        onApply={(state) => setFilters({
          pipelineId: (state.pipeline_id as string | null | undefined) ?? "",
          ownerId: ownRecordsOnly ? "" : (state.owner_id as string | null | undefined) ?? "",
        }, "")} />
      {!movable && <p className="muted">{t("deals.viewOnly")}</p>}
      {board.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : board.isError && !board.data ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          {board.data.unconverted_currencies.length > 0 && (
            <p className="notice" role="status">
              {t("deals.unconverted", { currencies: board.data.unconverted_currencies.join(", ") })}
            </p>
          )}
          <Board board={board.data} filters={filters} movable={movable} shows={shows} />
        </>
      )}
    </div>
  );
}
