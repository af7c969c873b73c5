import { useCallback, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useAccess } from "@/auth/session";
import { CustomerName } from "@/components/CustomerName";
import { CustomerPicker, useCustomerChoice } from "@/components/CustomerPicker";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { onRowKeys } from "@/components/tableKeys";
import { useSlashFocus } from "@/components/useSlashFocus";
import { UserName } from "@/components/UserName";
import { UserPicker } from "@/components/UserPicker";
import "@/components/components.css";
import { formatDate, formatMoney, formatNumber } from "@/i18n/format";
import { useLiveSignal } from "@/live/useLiveSignal";
import { orderKeys, useOrderList } from "../api";
import { OrderStatusBadge } from "../components/OrderStatusBadge";
import {
  ORDER_SORTS, ORDER_STATUSES, filtersFromParams, filtersToParams, toApiQuery, type OrderFilters,
} from "../logic/orderFilters";
import "../orders.css";
import { LoadMore } from "@/components/LoadMore";

export default function OrdersListPage() {
  const { t, i18n } = useTranslation();
  const me = useAccess();
  const [params, setParams] = useSearchParams();
  const address = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(address)), [address]);
  const list = useOrderList(toApiQuery(filters));
  const customer = useCustomerChoice(filters.customer || null);
  const customerBox = useRef<HTMLInputElement>(null);
  useSlashFocus(customerBox);
  useLiveSignal({ kind: "recent", collection: "orders", equals: me.sees_every_record ? undefined : { owner_id: me.uid } },
    [orderKeys.lists()]);

  const setFilters = useCallback((next: OrderFilters) => setParams(filtersToParams(next), { replace: true }), [setParams]);
  const orders = list.data?.pages.flatMap((page) => page.results) ?? [];
  const first = list.data?.pages[0];
  const language = i18n.resolvedLanguage ?? "en";
  const filtered = !!(filters.status || filters.owner || filters.customer);

  return (
    <div className="page list-page">
      <div className="page-head">
        <h1>{t("orders.title")}</h1>
        {me.can("write") && <Link className="button primary" to="/orders/new">{t("orders.new")}</Link>}
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <CustomerPicker label={t("orders.customer")} hint={t("orders.customerFilterHint")} value={customer.data ?? null}
          inputRef={customerBox} onChange={(picked) => setFilters({ ...filters, customer: picked?.id ?? "" })} />
        <div className="field">
          <label htmlFor="order-status">{t("orders.status")}</label>
          <select id="order-status" value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value as OrderFilters["status"] })}>
            <option value="">{t("orders.anyStatus")}</option>
            {ORDER_STATUSES.map((status) => <option key={status} value={status}>{t(`orderStatus.${status}`)}</option>)}
          </select>
        </div>
        {me.sees_every_record && (
          <UserPicker label={t("orders.owner")} value={filters.owner} clearable hint={t("orders.ownerFilterHint")}
            onChange={(uid) => setFilters({ ...filters, owner: uid })} />
        )}
        <div className="field">
          <label htmlFor="order-sort">{t("orders.sort")}</label>
          <select id="order-sort" value={filters.sort}
            onChange={(e) => setFilters({ ...filters, sort: e.target.value as OrderFilters["sort"] })}>
            {ORDER_SORTS.map((sort) => <option key={sort} value={sort}>{t(`orders.sorts.${sort}`)}</option>)}
          </select>
        </div>
      </form>
      <p className="count" role="status" aria-live="polite">
        {first && t(first.total_exact ? "orders.count" : "orders.countMore", { count: first.total,
          shown: formatNumber(orders.length, language), total: formatNumber(first.total, language) })}
        {list.isFetching && !list.isFetchingNextPage && <span className="spinner small" aria-hidden="true" />}
      </p>
      {list.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : orders.length === 0 ? (
        <EmptyState>
          <p>{t(filtered ? "orders.empty" : "orders.emptyAll")}</p>
          {filtered && (
            <button type="button" onClick={() => setFilters({ ...filters, status: "", owner: "", customer: "" })}>
              {t("orders.clearFilters")}
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="record-table" aria-describedby="orders-table-keys">
              <caption className="visually-hidden">{t("orders.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("orders.number")}</th>
                  <th scope="col">{t("orders.customer")}</th>
                  <th scope="col">{t("orders.status")}</th>
                  <th scope="col" className="num">{t("orders.total")}</th>
                  <th scope="col" className="col-wide">{t("orders.owner")}</th>
                  <th scope="col" className="col-wide">{t("orders.createdAt")}</th>
                </tr>
              </thead>
              <tbody onKeyDown={onRowKeys}>
                {orders.map((order) => (
                  <tr key={order.id}>
                    <th scope="row"><Link to={`/orders/${order.id}`}>{order.order_number}</Link></th>
                    <td><CustomerName id={order.customer_id} /></td>
                    <td><OrderStatusBadge status={order.status} /></td>
                    <td className="num">{formatMoney(order.total, order.currency, language)}</td>
                    <td className="col-wide"><UserName uid={order.owner_id} /></td>
                    <td className="col-wide"><time dateTime={order.created_at}>{formatDate(order.created_at, language)}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p id="orders-table-keys" className="visually-hidden">{t("ui.tableKeys")}</p>
          </div>
          <LoadMore pages={list} />
        </>
      )}
    </div>
  );
}
