/** The board's pure rules: moving a card between columns in the cached board (the optimistic move, rolled back if
 * the API refuses), and the marker of a card's next activity. */
import type { components } from "@/api/schema";
import { amountOf, centsOf, weightedCents } from "./money";

/** The deals board's cards, among the boards' draggable cards (components/kanban). */
export const DEAL_CARD = "deal-card";

export type Board = components["schemas"]["Kanban"];
export type Column = components["schemas"]["KanbanColumn"];
export type Card = components["schemas"]["DealCard"];
type Totals = components["schemas"]["MoneyTotals"];

export function findCard(board: Board, cardId: string): { column: Column; card: Card } | undefined {
  for (const column of board.columns) {
    const card = column.deals.find((deal) => deal.id === cardId);
    if (card) return { column, card };
  }
  return undefined;
}

function shift(totals: Totals, currency: string, cents: number): Totals {
  const held = centsOf(totals.by_currency[currency] ?? "0") + cents;
  const by_currency = { ...totals.by_currency };
  if (held === 0 && cents < 0) delete by_currency[currency];
  else by_currency[currency] = amountOf(held);
  // Amounts in other currencies reach the base total only through the rates, which the refetch brings.
  const total = currency === totals.base ? amountOf(centsOf(totals.total) + cents) : totals.total;
  return { ...totals, by_currency, total };
}

function withFigures(column: Column, card: Card, sign: 1 | -1): Column {
  return {
    ...column,
    count: column.count + sign,
    value: shift(column.value, card.currency, sign * centsOf(card.value)),
    weighted_value: shift(column.weighted_value, card.currency, sign * centsOf(card.expected_revenue)),
  };
}

const STATUS_OF_KIND = { open: "open", won: "won", lost: "lost" } as const;

/** The board with ``cardId`` moved into ``toStage``: the figures of both columns follow, the card takes the
 * stage's probability and status, and sits among the target's cards by value (highest first). */
export function moveCard(board: Board, cardId: string, toStage: string, now = new Date()): Board {
  const found = findCard(board, cardId);
  const target = board.columns.find((column) => column.id === toStage);
  if (!found || !target || found.column.id === toStage) return board;
  const probability = target.probability;
  const moved: Card = {
    ...found.card,
    probability,
    status: STATUS_OF_KIND[target.kind],
    expected_revenue: amountOf(weightedCents(centsOf(found.card.value), probability)),
    stage_entered_at: now.toISOString(),
    rotting: false,
  };
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.id === found.column.id) {
        return withFigures({ ...column, deals: column.deals.filter((deal) => deal.id !== cardId) }, found.card, -1);
      }
      if (column.id === toStage) {
        const deals = [...column.deals, moved].sort((a, b) => centsOf(b.value) - centsOf(a.value)
          || (a.id < b.id ? 1 : -1));
        return withFigures({ ...column, deals }, moved, 1);
      }
      return column;
    }),
  };
}

export type ActivityMarker = "overdue" | "today" | "later" | "none";

/** A card's next activity: overdue once its time has passed, today if due later today (in the user's time zone),
 * later, or none. */
export function nextActivityMarker(nextAt: string | null | undefined, now: Date = new Date()): ActivityMarker {
  if (!nextAt) return "none";
  const due = new Date(nextAt);
  if (due.getTime() < now.getTime()) return "overdue";
  const sameDay = due.getFullYear() === now.getFullYear() && due.getMonth() === now.getMonth()
    && due.getDate() === now.getDate();
  return sameDay ? "today" : "later";
}

/** Whole days since ``since`` (for "idle N days"). */
export function daysSince(since: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000));
}
