import { useCallback } from "react";
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
import { filtersFromParams, filtersToParams, type ListFilters } from "../logic/listFilters";

export default function CustomersListPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const list = useCustomerList(filters);
  const currency = useBaseCurrency();
  useLiveSignal({ kind: "customers", ownerId: me.sees_every_record ? undefined : me.uid }, [customerKeys.lists()]);

  const setFilters = useCallback(
    (next: ListFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  );
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const customers = list.data?.pages.flatMap((page) => page.results) ?? [];
  const first = list.data?.pages[0];
  const filtered = !!(filters.search || filters.status || filters.tag);
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
      <CustomerFilters filters={filters} onChange={setFilters} />
      <CustomerSearchPanels search={filters.search} />
      <p className="count" role="status" aria-live="polite">
        {first && t(first.total_exact ? "customers.count" : "customers.countMore", {
          shown: formatNumber(customers.length, language), total: formatNumber(first.total, language),
        })}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : customers.length === 0 ? (
        <EmptyState>
          <p>{t(filtered ? "customers.empty" : "customers.emptyAll")}</p>
          {filtered && (
            <button type="button" onClick={() => setFilters({ ...filters, search: "", status: "", tag: "" })}>
              {t("customers.clearFilters")}
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <CustomerTable customers={customers} currency={currency} hasMore={!!list.hasNextPage}
            loadingMore={list.isFetchingNextPage} onLoadMore={loadMore} />
          {list.hasNextPage && (
            <button type="button" className="load-more" onClick={loadMore} disabled={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t("app.loading") : t("common.loadMore")}
            </button>
          )}
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        </>
      )}
    </div>
  );
}
