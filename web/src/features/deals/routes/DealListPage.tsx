import { lazy, Suspense, useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { useTicked } from "@/components/bulk";
import { SelectField, TextField } from "@/components/fields";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { UserPicker } from "@/components/UserPicker";
import "@/components/components.css";
import { formatNumber } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { dealKeys, useDealList, useDealsChanged, usePipelines } from "../api";
import { DealTable } from "../components/DealTable";
import { DealViews } from "../components/DealViews";
import {
  DEAL_ORDERS, DEAL_STATUSES, dealListFiltersFromParams, dealListFiltersToParams, NO_DEAL_FILTERS, toDealJobFilter,
  toDealQuery, type DealListFilters,
} from "../logic/listFilters";
import "../deals.css";
import { LoadMore } from "@/components/LoadMore";

/** Loaded once a deal is ticked: the list's first visit does not carry its form. */
const DealBulkActions = lazy(() => import("../components/DealBulkActions"));

/** Every deal the user may see, of one pipeline or all, filtered by status, owner and tag; writers tick deals and
 * change them together. */
export default function DealListPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const filters = dealListFiltersFromParams(params);
  const list = useDealList(toDealQuery(filters));
  const pipelines = usePipelines();
  const ownRecordsOnly = !me.sees_every_record;
  // The board's listener, when one pipeline is shown (the rules allow deals of a pipeline, a rep's own only).
  useLiveSignal(filters.pipelineId ? { kind: "deals", pipelineId: filters.pipelineId,
    ownerId: ownRecordsOnly ? me.uid : undefined } : null, [dealKeys.lists()]);
  const setFilters = useCallback((next: DealListFilters) => setParams(dealListFiltersToParams(next), { replace: true }),
    [setParams]);
  const deals = list.data?.pages.flatMap((page) => page.results) ?? [];
  const ticked = useTicked(deals);
  const dealsChanged = useDealsChanged();
  const first = list.data?.pages[0];
  const language = i18n.resolvedLanguage ?? "en";
  const writes = me.can("write");
  const filtered = dealListFiltersToParams({ ...filters, order: NO_DEAL_FILTERS.order }).size > 0;

  return (
    <div className="page list-page">
      <div className="page-head">
        <h1>{t("deals.title")}</h1>
        {writes && (
          <Link className="button primary" to={`/deals/new${filters.pipelineId ? `?pipeline=${filters.pipelineId}` : ""}`}>
            {t("deals.new")}
          </Link>
        )}
      </div>
      <DealViews current="list" pipelineId={filters.pipelineId} />
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t("deals.filters.pipeline")} value={filters.pipelineId}
          onChange={(e) => setFilters({ ...filters, pipelineId: e.target.value })}
          options={[{ value: "", label: t("deals.list.allPipelines") },
            ...(pipelines.data?.results ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
        <SelectField label={t("deals.list.status")} value={filters.status}
          onChange={(e) => setFilters({ ...filters, status: e.target.value as DealListFilters["status"] })}
          options={[{ value: "", label: t("deals.list.anyStatus") },
            ...DEAL_STATUSES.map((status) => ({ value: status, label: t(`deals.status.${status}`) }))]} />
        {!ownRecordsOnly && (
          <UserPicker label={t("deals.list.owner")} value={filters.ownerId} clearable hint={t("deals.list.ownerHint")}
            onChange={(uid) => setFilters({ ...filters, ownerId: uid })} />
        )}
        <TextField key={filters.tag} label={t("deals.list.tag")} type="search" defaultValue={filters.tag} autoComplete="off"
          onKeyDown={(e) => { if (e.key === "Enter") setFilters({ ...filters, tag: e.currentTarget.value }); }}
          onBlur={(e) => setFilters({ ...filters, tag: e.currentTarget.value })} hint={t("deals.list.tagHint")} />
        <SelectField label={t("deals.list.order")} value={filters.order}
          onChange={(e) => setFilters({ ...filters, order: e.target.value as DealListFilters["order"] })}
          options={DEAL_ORDERS.map((order) => ({ value: order, label: t(`deals.list.orders.${order}`) }))} />
      </form>
      {writes && ticked.used && (
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <DealBulkActions selected={ticked.selected} pipelines={pipelines.data?.results ?? []}
            listPipeline={filters.pipelineId} onClear={ticked.clear} onDone={ticked.done}
            everything={first?.total_exact ? {
              kind: "deals", total: first.total, filter: toDealJobFilter(filters), allShown: ticked.allTicked,
              onFinished: () => { ticked.clear(); dealsChanged(); },
            } : undefined} />
        </Suspense>
      )}
      <p className="count" role="status" aria-live="polite">
        {first && t(first.total_exact ? "deals.list.count" : "deals.list.countMore", {
          count: first.total, shown: formatNumber(deals.length, language), total: formatNumber(first.total, language),
        })}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : deals.length === 0 ? (
        <EmptyState>
          <p>{t(filtered ? "deals.list.empty" : "deals.list.emptyAll")}</p>
          {filtered && (
            <button type="button" onClick={() => setFilters(NO_DEAL_FILTERS)}>{t("deals.list.clearFilters")}</button>
          )}
        </EmptyState>
      ) : (
        <>
          <DealTable deals={deals} pipelines={pipelines.data?.results ?? []} showPipeline={!filters.pipelineId}
            selection={writes ? ticked : undefined} />
          <LoadMore pages={list} />
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        </>
      )}
    </div>
  );
}
