import { lazy, Suspense, useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { useTicked } from "@/components/bulk";
import { CustomerPicker, useCustomerChoice } from "@/components/CustomerPicker";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { useSlashFocus } from "@/components/useSlashFocus";
import { UserPicker } from "@/components/UserPicker";
import "@/components/components.css";
import { formatNumber } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { activityKeys, useActivitiesChanged, useActivityCount, useActivityList } from "../api";
import { ActivityTable } from "../components/ActivityTable";
import {
  ACTIVITY_TYPES, EVERYONE, WORK_VIEWS, filtersFromParams, filtersToParams, overdueQuery, toApiQuery, toJobFilter,
  type WorkFilters,
} from "../logic/workFilters";
import "../activities.css";
import { LoadMore } from "@/components/LoadMore";

/** Loaded once an activity is ticked: the list's first visit does not carry its form. */
const ActivityBulkActions = lazy(() => import("../components/ActivityBulkActions"));

/** My work: my open activities (overdue marked and counted), or another view, owner or kind; complete in place. */
export default function MyWorkPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const viewer = useMemo(() => ({ uid: me.uid, sees_every_record: me.sees_every_record, writes: !!me.access.write }),
    [me.uid, me.sees_every_record, me.access.write]);
  const [params, setParams] = useSearchParams();
  const address = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(address), viewer), [address, viewer]);
  const query = useMemo(() => toApiQuery(filters, new Date()), [filters]);
  const list = useActivityList(query);
  const overdue = useActivityCount(overdueQuery(filters), filters.view !== "overdue");
  const customer = useCustomerChoice(filters.customer || null);
  const customerBox = useRef<HTMLInputElement>(null);
  useSlashFocus(customerBox);
  useLiveSignal({ kind: "recent", collection: "activities",
    equals: filters.owner === EVERYONE ? undefined : { owner_id: filters.owner } }, [activityKeys.lists()]);

  const setFilters = useCallback((next: WorkFilters) => setParams(filtersToParams(next, viewer), { replace: true }),
    [setParams, viewer]);
  const activities = list.data?.pages.flatMap((page) => page.results) ?? [];
  const ticked = useTicked(activities);
  const activitiesChanged = useActivitiesChanged();
  const first = list.data?.pages[0];
  const language = i18n.resolvedLanguage ?? "en";
  const mine = filters.owner === me.uid;
  const viewHref = (view: string) => `?${filtersToParams({ ...filters, view: view as WorkFilters["view"] }, viewer)}`;

  return (
    <div className="page list-page">
      <div className="page-head">
        <h1>{mine ? t("activities.myWork") : t("activities.title")}</h1>
        {me.can("write") && <Link className="button primary" to="/activities/new">{t("activities.new")}</Link>}
      </div>
      <nav className="tabs" aria-label={t("activities.views")}>
        {WORK_VIEWS.map((view) => (
          <Link key={view} to={viewHref(view)} replace aria-current={filters.view === view ? "page" : undefined}
            className={filters.view === view ? "active" : undefined}>
            {t(`activities.viewNames.${view}`)}
          </Link>
        ))}
      </nav>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <CustomerPicker label={t("activities.customer")} hint={t("activities.customerFilterHint")}
          value={customer.data ?? null} inputRef={customerBox}
          onChange={(picked) => setFilters({ ...filters, customer: picked?.id ?? "" })} />
        {me.sees_every_record && (
          <UserPicker label={t("activities.owner")} value={filters.owner === EVERYONE ? "" : filters.owner} clearable
            hint={t("activities.ownerFilterHint")}
            onChange={(uid) => setFilters({ ...filters, owner: uid || EVERYONE })} />
        )}
        <div className="field">
          <label htmlFor="activity-type">{t("activities.type")}</label>
          <select id="activity-type" value={filters.type}
            onChange={(e) => setFilters({ ...filters, type: e.target.value as WorkFilters["type"] })}>
            <option value="">{t("activities.anyType")}</option>
            {ACTIVITY_TYPES.map((type) => <option key={type} value={type}>{t(`activities.types.${type}`)}</option>)}
          </select>
        </div>
      </form>
      {me.can("write") && ticked.used && (
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <ActivityBulkActions selected={ticked.selected} onClear={ticked.clear} onDone={ticked.done}
            everything={first?.total_exact ? {
              kind: "activities", total: first.total, filter: toJobFilter(query), allShown: ticked.allTicked,
              onFinished: () => { ticked.clear(); activitiesChanged(); },
            } : undefined} />
        </Suspense>
      )}
      <p className="count" role="status" aria-live="polite">
        {first && t("activities.count", { count: first.total, shown: formatNumber(activities.length, language),
          total: formatNumber(first.total, language) })}
        {overdue.data !== undefined && overdue.data > 0 && (
          <Link className="badge overdue" to={viewHref("overdue")} replace>
            {t("activities.overdueCount", { count: overdue.data })}
          </Link>
        )}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : activities.length === 0 ? (
        <EmptyState><p>{t(`activities.empty.${filters.view}`)}</p></EmptyState>
      ) : (
        <>
          <ActivityTable activities={activities} writable={me.can("write")} showOwner={!mine}
            caption={t(`activities.viewNames.${filters.view}`)} selection={me.can("write") ? ticked : undefined} />
          <LoadMore pages={list} />
        </>
      )}
    </div>
  );
}
