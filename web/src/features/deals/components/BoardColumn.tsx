import { dropTargetForElements } from "@atlaskit/pragmatic-drag-and-drop/element/adapter";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MoneyTotals } from "@/components/MoneyTotals";
import { formatNumber } from "@/i18n/format";
import { useColumnMore, type BoardFilters } from "../api";
import type { Card, Column } from "../logic/board";
import { DealCard } from "./DealCard";

interface Props {
  column: Column;
  filters: BoardFilters;
  movable: boolean;
  /** Cards not matching the board's quick find are hidden. */
  shows: (card: Card) => boolean;
  onMove: (card: Card) => void;
}

/** One stage: its figures (count, value and weighted value per currency, with the base-currency total), its cards
 * highest value first, more on request; a drop target for cards from other columns. */
export function BoardColumn({ column, filters, movable, shows, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const element = useRef<HTMLElement>(null);
  const [over, setOver] = useState(false);
  const [wantMore, setWantMore] = useState(false);
  const more = useColumnMore(filters, column.id, column.next_cursor, wantMore);

  useEffect(() => {
    if (!movable || !element.current) return undefined;
    return dropTargetForElements({
      element: element.current,
      getData: () => ({ stage: column.id }),
      canDrop: ({ source }) => source.data.type === "deal-card" && source.data.stage !== column.id,
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: () => setOver(false),
    });
  }, [movable, column.id]);

  const extra = more.data?.pages.flatMap((page) => page.columns[0]?.deals ?? []) ?? [];
  const seen = new Set(column.deals.map((deal) => deal.id));
  const cards = [...column.deals, ...extra.filter((deal) => !seen.has(deal.id))];
  const visible = cards.filter(shows);
  const hasMore = wantMore ? more.hasNextPage : !!column.next_cursor;
  const headingId = `column-${column.id}`;
  return (
    <section ref={element} className={`board-column kind-${column.kind}${over ? " drop-over" : ""}`}
      aria-labelledby={headingId} data-stage={column.id} style={{ borderTopColor: column.color }}>
      <header className="column-head">
        <h2 id={headingId}>
          {column.name} <span className="column-count">{formatNumber(column.count, language)}</span>
        </h2>
        <dl className="column-figures">
          <div><dt>{t("deals.column.value")}</dt><dd><MoneyTotals totals={column.value} /></dd></div>
          <div>
            <dt>{t("deals.column.weighted", { probability: column.probability })}</dt>
            <dd><MoneyTotals totals={column.weighted_value} /></dd>
          </div>
        </dl>
        {column.kind !== "open" && movable && (
          <p className="column-hint">{t(column.kind === "won" ? "deals.column.dropWon" : "deals.column.dropLost")}</p>
        )}
      </header>
      <div className="column-cards">
        {visible.map((card) => (
          <DealCard key={card.id} card={card} stage={column.id} rottingDays={column.rotting_days} movable={movable}
            onMove={onMove} />
        ))}
        {column.count === 0 && <p className="muted column-empty">{t("deals.column.empty")}</p>}
      </div>
      {hasMore && (
        <button type="button" className="link column-more" disabled={more.isFetching}
          onClick={() => (wantMore ? void more.fetchNextPage() : setWantMore(true))}>
          {more.isFetching ? t("app.loading") : t("deals.column.more", {
            shown: formatNumber(cards.length, language), count: formatNumber(column.count, language) })}
        </button>
      )}
    </section>
  );
}
