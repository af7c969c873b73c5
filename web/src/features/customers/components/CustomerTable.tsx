import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CustomerListItem } from "@/api/types";
import { SearchMatchNote } from "@/components/SearchMatchNote";
import { UserName } from "@/components/UserName";
import { formatMoney, formatRelative } from "@/i18n/format";
import type { CustomerColumn } from "../logic/listFilters";
import { StatusBadge } from "./StatusBadge";

interface Props {
  customers: CustomerListItem[];
  /** The optional columns shown (the name always is). */
  columns: readonly CustomerColumn[];
  currency: string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** With a selection, a first column of boxes to tick customers for a change to all of them. */
  selection?: { ids: ReadonlySet<string>; onChange: (ids: Set<string>) => void };
}

const ROW_HEIGHT = 44;

/** Each optional column: its text, its share of the width, and whether narrow screens hide it. */
const COLUMNS: { id: CustomerColumn; label: string; width: string; wide: boolean; className?: string }[] = [
  { id: "organization", label: "organization", width: "12%", wide: true, className: "col-wide" },
  { id: "email", label: "email", width: "15%", wide: true, className: "col-wide" },
  { id: "phone", label: "phone", width: "13%", wide: true, className: "col-wide" },
  { id: "status", label: "status", width: "10%", wide: false },
  { id: "tags", label: "tags", width: "9%", wide: true, className: "col-wide" },
  { id: "owner", label: "owner", width: "7%", wide: true, className: "col-wide" },
  { id: "lifetime_value", label: "lifetimeValue", width: "10%", wide: false, className: "num" },
  { id: "last_activity", label: "lastActivity", width: "9%", wide: true, className: "col-wide" },
];

/** The customers, rendering only the rows on screen. The arrow keys, Home, End, PageUp and PageDown move between
 * rows (one row is in the tab order at a time); Enter opens the customer. */
export function CustomerTable({ customers, columns, currency, hasMore, loadingMore, onLoadMore, selection }: Props) {
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

  const shown = COLUMNS.filter((column) => columns.includes(column.id));

  function cell(column: CustomerColumn, customer: CustomerListItem) {
    switch (column) {
      case "organization": return customer.organization;
      case "email": return customer.email;
      case "phone": return customer.phone;
      case "status": return <StatusBadge status={customer.status} />;
      case "tags": return customer.tags.map((tag) => <span key={tag} className="tag">{tag}</span>);
      case "owner": return <UserName uid={customer.owner_id} />;
      case "lifetime_value": return formatMoney(customer.lifetime_value, currency, language);
      default:
        return customer.last_activity_at && (
          <time dateTime={customer.last_activity_at}>{formatRelative(customer.last_activity_at, language)}</time>
        );
    }
  }

  function tick(id: string, on: boolean) {
    if (!selection) return;
    const next = new Set(selection.ids);
    if (on) next.add(id);
    else next.delete(id);
    selection.onChange(next);
  }

  const allTicked = !!selection && customers.length > 0 && customers.every((c) => selection.ids.has(c.id));
  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <div className="table-scroll" ref={scroller}>
      <table className="data-table" aria-label={t("customers.table")} aria-rowcount={customers.length + 1}
        aria-describedby="customer-table-hint">
        <colgroup>
          {selection && <col style={{ width: "2.5rem" }} />}
          <col style={{ width: "15%" }} />
          {shown.map((column) => (
            <col key={column.id} className={column.wide ? "col-wide" : undefined} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {selection && (
              <th scope="col" className="select-cell">
                <input type="checkbox" aria-label={t("customers.bulk.selectAll")} checked={allTicked}
                  onChange={(event) => selection.onChange(new Set(event.target.checked ? customers.map((c) => c.id) : []))} />
              </th>
            )}
            <th scope="col">{t("customers.columns.name")}</th>
            {shown.map((column) => (
              <th key={column.id} scope="col" className={column.className}>{t(`customers.columns.${column.label}`)}</th>
            ))}
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
                {selection && (
                  <td className="select-cell">
                    <input type="checkbox" aria-label={t("customers.bulk.select", { name: customer.name })}
                      checked={selection.ids.has(customer.id)} onChange={(event) => tick(customer.id, event.target.checked)} />
                  </td>
                )}
                <th scope="row">
                  <Link to={`/customers/${customer.id}`} tabIndex={item.index === active ? 0 : -1}>{customer.name}</Link>
                  <SearchMatchNote match={customer.match} />
                </th>
                {shown.map((column) => (
                  <td key={column.id} className={column.className}>{cell(column.id, customer)}</td>
                ))}
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
