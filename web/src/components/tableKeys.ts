/** Keyboard navigation in a table of records: the arrow keys, Home, End, PageUp and PageDown move the focus from
 * one row's link (the link in its row header) to another's; Enter then opens it, as any link. */
import type { KeyboardEvent } from "react";

/** Rows a PageUp or PageDown moves by. */
export const PAGE_ROWS = 10;

/** The row ``key`` moves to from row ``from`` of ``count``; null for a key that does not move. */
export function rowMove(key: string, from: number, count: number, page = PAGE_ROWS): number | null {
  const moves: Record<string, number> = {
    ArrowDown: from + 1, ArrowUp: from - 1, Home: 0, End: count - 1, PageDown: from + page, PageUp: from - page,
  };
  if (!(key in moves) || count === 0) return null;
  return Math.max(0, Math.min(count - 1, moves[key]));
}

/** The table body's keydown handler. Keys typed into a field of a row (a role's select) stay that field's. */
export function onRowKeys(event: KeyboardEvent<HTMLTableSectionElement>): void {
  const target = event.target as HTMLElement;
  if (event.altKey || event.ctrlKey || event.metaKey || target.closest("input, select, textarea")) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(":scope > tr > th[scope=row] a")];
  const row = target.closest("tr");
  const from = links.findIndex((link) => link.closest("tr") === row);
  if (from < 0) return;
  const next = rowMove(event.key, from, links.length);
  if (next === null) return;
  event.preventDefault();
  links[next].focus();
}
