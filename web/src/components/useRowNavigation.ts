import { useRef, useState, type FocusEvent, type KeyboardEvent } from "react";

/** Keyboard navigation in a table that renders all its rows: one row is in the tab order at a time; the arrow keys,
 * Home, End, Page Up and Page Down move between rows, and Enter follows the row's first link, if it has one. The
 * customers table does the same over its virtualised rows. */
export function useRowNavigation(count: number, page = 10) {
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const current = Math.min(active, Math.max(0, count - 1));

  function focusRow(index: number) {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    body.current?.querySelector<HTMLTableRowElement>(`tr[data-row="${next}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const row = (event.target as HTMLElement).closest<HTMLTableRowElement>("tr[data-row]");
    if (!row || row !== event.target) return; // keys typed into a control inside the row are the control's
    const moves: Record<string, number> = {
      ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: count - 1,
      PageDown: current + page, PageUp: current - page,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]);
    } else if (event.key === "Enter") {
      row.querySelector<HTMLAnchorElement>("a[href]")?.click();
    }
  }

  return {
    bodyProps: { ref: body, onKeyDown },
    rowProps: (index: number) => ({
      "data-row": index,
      tabIndex: index === current ? 0 : -1,
      className: index === current ? "active" : undefined,
      onFocus: (event: FocusEvent<HTMLTableRowElement>) => {
        if (event.target === event.currentTarget) setActive(index);
      },
    }),
  };
}
