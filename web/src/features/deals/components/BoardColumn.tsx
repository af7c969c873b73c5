import { useState } from "react";
import { useTranslation } from "react-i18next";
import { KanbanColumn } from "@/components/kanban";
import { MoneyTotals } from "@/components/MoneyTotals";
import { formatNumber } from "@/i18n/format";
import { useColumnMore, type BoardFilters } from "../api";
import { DEAL_CARD, type Card, type Column } from "../logic/board";
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
  const [wantMore, setWantMore] = useState(false);
  const more = useColumnMore(filters, column.id, column.next_cursor, wantMore);

  const extra = more.data?.pages.flatMap((page) => page.columns[0]?.deals ?? []) ?? [];
  const seen = new Set(column.deals.map((deal) => deal.id));
  const cards = [...column.deals, ...extra.filter((deal) => !seen.has(deal.id))];
  const visible = cards.filter(shows);
  const hasMore = wantMore ? more.hasNextPage : !!column.next_cursor;
  return (
    <KanbanColumn type={DEAL_CARD} stage={column.id} name={column.name} kind={column.kind} color={column.color}
      count={column.count} movable={movable} empty={t("deals.column.empty")}
      head={<>
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
      </>}
      footer={hasMore && (
        <button type="button" className="link column-more" disabled={more.isFetching}
          onClick={() => (wantMore ? void more.fetchNextPage() : setWantMore(true))}>
          {more.isFetching ? t("app.loading") : t("deals.column.more", {
            shown: formatNumber(cards.length, language), count: formatNumber(column.count, language) })}
        </button>
      )}>
      {visible.map((card) => (
        <DealCard key={card.id} card={card} stage={column.id} rottingDays={column.rotting_days} movable={movable}
          onMove={onMove} />
      ))}
    </KanbanColumn>
  );
}
