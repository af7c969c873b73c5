import { lazy, Suspense, useCallback, useState } from "react";
import { ApiError } from "@/api/errors";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CustomerSearchPanels } from "@/app/FeatureSlots";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { formatNumber } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { customerKeys, useBaseCurrency, useCustomerList } from "../api";
import { CustomerFilters } from "../components/CustomerFilters";
import { CustomerTable } from "../components/CustomerTable";
import {
  columnsFromParams, CUSTOMER_COLUMNS, filtersFromParams, filtersToParams, isFiltered, NO_FILTERS, statusesOf,
  withColumns, type CustomerColumn, type ListFilters,
} from "../logic/listFilters";
import { ColumnsChooser } from "@/savedViews/ColumnsChooser";
import { SavedViewsBar } from "@/savedViews/SavedViewsBar";
import { LoadMore } from "@/components/LoadMore";

/** Loaded once a customer is ticked: the first visit does not carry its form. */
const BulkActions = lazy(() => import("../components/BulkActions"));

const COLUMN_LABELS: Record<CustomerColumn, string> = {
  organization: "organization", email: "email", phone: "phone", status: "status", tags: "tags", owner: "owner",
  lifetime_value: "lifetimeValue", last_activity: "lastActivity",
};

/** What a 400 of the list says: its details (which combinations work), else its message. */
function refusal(error: ApiError): string {
  const said = error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).filter(Boolean);
  return said.length ? said.join(" ") : error.message;
}

export default function CustomersListPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const columns = columnsFromParams(params);
  const list = useCustomerList(filters);
  const currency = useBaseCurrency();
  useLiveSignal({ kind: "customers", ownerId: me.sees_every_record ? undefined : me.uid }, [customerKeys.lists()]);

  const setFilters = useCallback(
    (next: ListFilters, shown: readonly CustomerColumn[] = columns) =>
      setParams(withColumns(filtersToParams(next), shown), { replace: true }),
    [setParams, columns],
  );
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const customers = list.data?.pages.flatMap((page) => page.results) ?? [];
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const selected = customers.filter((customer) => ticked.has(customer.id));
  // Once shown, the bulk form stays mounted: its list of refusals outlives the selection it was about.
  const [bulkUsed, setBulkUsed] = useState(false);
  if (selected.length > 0 && !bulkUsed) setBulkUsed(true);
  const first = list.data?.pages[0];
  const filtered = isFiltered(filters);
  // A combination the API will not serve (a created range with a search...): its reason goes on the filters.
  const refused = list.error instanceof ApiError && list.error.status === 400 ? refusal(list.error) : null;
  const language = i18n.resolvedLanguage ?? "en";

  return (
    <div className="page list-page">
      <div className="page-head">
        <h1>{t("customers.title")}</h1>
        <div className="actions">
          {me.can("write") && <Link to="/customers/deleted">{t("deletedCustomers.link")}</Link>}
          {me.can("write") && <Link className="button primary" to="/customers/new">{t("customers.new")}</Link>}
        </div>
      </div>
      <CustomerFilters filters={filters} onChange={setFilters} refused={refused} />
      <div className="list-tools">
        <SavedViewsBar resource="customers" current={{
          search: filters.search || null, status: filters.statuses.join(",") || null, tag: filters.tag || null,
          source: filters.source || null, priority: filters.priority || null, rating: filters.rating || null,
          created_from: filters.createdFrom || null, created_to: filters.createdTo || null,
          order: filters.order === "name" ? null : filters.order,
          columns: columns.length === CUSTOMER_COLUMNS.length ? null : columns,
        }} onApply={(state) => setFilters({
          ...NO_FILTERS,
          search: (state.search as string | undefined) ?? "",
          statuses: statusesOf(state.status as string | undefined),
          tag: (state.tag as string | undefined) ?? "",
          source: (state.source as ListFilters["source"] | undefined) ?? "",
          priority: (state.priority as ListFilters["priority"] | undefined) ?? "",
          rating: (state.rating as ListFilters["rating"] | undefined) ?? "",
          createdFrom: (state.created_from as string | undefined) ?? "",
          createdTo: (state.created_to as string | undefined) ?? "",
          order: (state.order as ListFilters["order"] | undefined) ?? "name",
        }, (state.columns as CustomerColumn[] | undefined) ?? CUSTOMER_COLUMNS)} />
        <ColumnsChooser all={CUSTOMER_COLUMNS} shown={columns}
          label={(column) => t(`customers.columns.${COLUMN_LABELS[column]}`)}
          onChange={(shown) => setFilters(filters, shown)} />
      </div>
      <CustomerSearchPanels search={filters.search} />
      {me.can("write") && (selected.length > 0 || bulkUsed) && (
        <Suspense fallback={<Spinner label={t("app.loading")} />}>
          <BulkActions selected={selected} onClear={() => setTicked(new Set())}
            onDone={(changed) => setTicked((now) => new Set([...now].filter((id) => !changed.includes(id))))} />
        </Suspense>
      )}
      <p className="count" role="status" aria-live="polite">
        {first && t(first.total_exact ? "customers.count" : "customers.countMore", {
          shown: formatNumber(customers.length, language), total: formatNumber(first.total, language),
        })}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : refused && !list.data ? null : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : customers.length === 0 ? (
        <EmptyState>
          <p>{t(filtered ? "customers.empty" : "customers.emptyAll")}</p>
          {filtered && (
            <button type="button" onClick={() => setFilters({ ...filters, ...NO_FILTERS })}>
              {t("customers.clearFilters")}
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <CustomerTable customers={customers} columns={columns} currency={currency} hasMore={!!list.hasNextPage}
            loadingMore={list.isFetchingNextPage} onLoadMore={loadMore}
            selection={me.can("write") ? { ids: ticked, onChange: setTicked } : undefined} />
          <LoadMore pages={list} />
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        </>
      )}
    </div>
  );
}
