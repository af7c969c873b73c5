import { useState } from "react";
import { useTranslation } from "react-i18next";
import { KanbanColumn } from "@/components/kanban";
import { formatNumber } from "@/i18n/format";
import { useLeadColumnMore } from "../api";
import { LEAD_CARD, NO_SUBSTAGE, type LeadBoardFilters, type LeadCard, type LeadColumn } from "../logic/leadBoard";
import { LeadCardView } from "./LeadCardView";

interface Props {
  column: LeadColumn;
  filters: LeadBoardFilters;
  movable: boolean;
  shows: (card: LeadCard) => boolean;
  onMove: (card: LeadCard) => void;
  onConvert: (card: LeadCard) => void;
}

/** One lead stage: its count and its substages' counts, its best-scored leads first, more on request; a drop target
 * for leads from other columns. */
export function LeadColumnView({ column, filters, movable, shows, onMove, onConvert }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const { stage } = column;
  const [wantMore, setWantMore] = useState(false);
  const more = useLeadColumnMore(filters, stage.id, column.next_cursor, wantMore);
  const extra = more.data?.pages.flatMap((page) => page.columns[0]?.cards ?? []) ?? [];
  const seen = new Set(column.cards.map((card) => card.id));
  const cards = [...column.cards, ...extra.filter((card) => !seen.has(card.id))];
  const hasMore = wantMore ? more.hasNextPage : !!column.next_cursor;
  const substages = stage.substages ?? [];
  const unplaced = column.substage_counts[NO_SUBSTAGE] ?? 0;
  return (
    <KanbanColumn type={LEAD_CARD} stage={stage.id} name={stage.name} kind={stage.kind} color={stage.color}
      count={column.count} movable={movable} empty={t("leads.column.empty")}
      head={<>
        <p className="column-hint">{t("leads.column.score", { score: stage.probability })}</p>
        {substages.length > 0 && (
          <dl className="column-figures" aria-label={t("leads.column.substages", { name: stage.name })}>
            {substages.map((sub) => (
              <div key={sub.id} title={sub.description ?? undefined}>
                <dt>{sub.status}{sub.score !== null && sub.score !== undefined ? ` (${sub.score})` : ""}</dt>
                <dd>{formatNumber(column.substage_counts[sub.id] ?? 0, language)}</dd>
              </div>
            ))}
            {unplaced > 0 && (
              <div><dt>{t("leads.column.noSubstage")}</dt><dd>{formatNumber(unplaced, language)}</dd></div>
            )}
          </dl>
        )}
        {stage.kind !== "open" && movable && (
          <p className="column-hint">{t(stage.kind === "won" ? "leads.column.dropWon" : "leads.column.dropLost")}</p>
        )}
      </>}
      footer={hasMore && (
        <button type="button" className="link column-more" disabled={more.isFetching}
          onClick={() => (wantMore ? void more.fetchNextPage() : setWantMore(true))}>
          {more.isFetching ? t("app.loading") : t("leads.column.more", {
            shown: formatNumber(cards.length, language), count: formatNumber(column.count, language) })}
        </button>
      )}>
      {cards.filter(shows).map((card) => (
        <LeadCardView key={card.id} card={card} stage={stage} movable={movable} onMove={onMove}
          onConvert={onConvert} />
      ))}
    </KanbanColumn>
  );
}
