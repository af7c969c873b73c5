import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CustomerListItem } from "@/api/types";
import { SearchMatchNote } from "@/components/SearchMatchNote";
import { formatMoney, formatRelative } from "@/i18n/format";
import { UserName } from "@/components/UserName";
import { StatusBadge } from "./StatusBadge";

interface Props {
  customers: CustomerListItem[];
  currency: string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

const ROW_HEIGHT = 44;

/** The customers, rendering only the rows on screen. The arrow keys, Home, End, PageUp and PageDown move between
 * rows (one row is in the tab order at a time); Enter opens the customer. */
export function CustomerTable({ customers, currency, hasMore, loadingMore, onLoadMore }: Props) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // The keyboard's position, current even before the next render (keys can come faster than renders).
  const activeRef = useRef(0);
  const focusAfterRender = useRef(false);
  const language = i18n.resolvedLanguage ?? "en";

  const virtualizer = useVirtualizer({
    count: customers.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && customers.length > 0 && lastShown >= customers.length - 5) onLoadMore();
  }, [hasMore, loadingMore, lastShown, customers.length, onLoadMore]);

  useEffect(() => {
    if (active >= customers.length && customers.length > 0) {
      activeRef.current = customers.length - 1;
      setActive(customers.length - 1);
    }
  }, [active, customers.length]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const link = rowLink(activeRef.current);
    if (link) {
      focusAfterRender.current = false;
      link.focus({ preventScroll: true });
    }
  });

  function rowLink(index: number) {
    return scroller.current?.querySelector<HTMLAnchorElement>(`[data-row="${index}"] a`);
  }

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(customers.length - 1, index));
    activeRef.current = next;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
    const link = rowLink(next);
    if (link) link.focus({ preventScroll: true });
    else focusAfterRender.current = true; // the row is rendered once the list has scrolled to it
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const active = activeRef.current;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: customers.length - 1,
      PageDown: active + page, PageUp: active - page,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    }
  }

  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table" aria-label={t("customers.table")} aria-rowcount={customers.length + 1}
        aria-describedby="customer-table-hint">
        <colgroup>
          <col style={{ width: "15%" }} />
          {["12%", "15%", "13%"].map((width) => <col key={width} className="col-wide" style={{ width }} />)}
          <col style={{ width: "10%" }} />
          <col className="col-wide" style={{ width: "9%" }} />
          <col className="col-wide" style={{ width: "7%" }} />
          <col style={{ width: "10%" }} />
          <col className="col-wide" style={{ width: "9%" }} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t("customers.columns.name")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.organization")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.email")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.phone")}</th>
            <th scope="col">{t("customers.columns.status")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.tags")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.owner")}</th>
            <th scope="col" className="num">{t("customers.columns.lifetimeValue")}</th>
            <th scope="col" className="col-wide">{t("customers.columns.lastActivity")}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {paddingTop > 0 && <tr aria-hidden="true" style={{ height: paddingTop }} />}
          {items.map((item) => {
            const customer = customers[item.index];
            return (
              <tr key={customer.id} data-row={item.index} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}
                className={item.index === active ? "active" : undefined}
                onFocus={() => { activeRef.current = item.index; setActive(item.index); }}>
                <th scope="row">
                  <Link to={`/customers/${customer.id}`} tabIndex={item.index === active ? 0 : -1}>{customer.name}</Link>
                  <SearchMatchNote match={customer.match} />
                </th>
                <td className="col-wide">{customer.organization}</td>
                <td className="col-wide">{customer.email}</td>
                <td className="col-wide">{customer.phone}</td>
                <td><StatusBadge status={customer.status} /></td>
                <td className="col-wide">{customer.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}</td>
                <td className="col-wide"><UserName uid={customer.owner_id} /></td>
                <td className="num">{formatMoney(customer.lifetime_value, currency, language)}</td>
                <td className="col-wide">
                  {customer.last_activity_at && (
                    <time dateTime={customer.last_activity_at}>{formatRelative(customer.last_activity_at, language)}</time>
                  )}
                </td>
              </tr>
            );
          })}
          {paddingBottom > 0 && <tr aria-hidden="true" style={{ height: paddingBottom }} />}
        </tbody>
      </table>
      <p id="customer-table-hint" className="visually-hidden">{t("customers.tableHint")}</p>
    </div>
  );
}
