/** The lead board's pure rules: where a card may be moved (stages and their substages), the optimistic move in the
 * cached board (rolled back if the API refuses), and the board's filters in the address. */
import type { components } from "@/api/schema";

export type LeadBoard = components["schemas"]["LeadBoard"];
export type LeadColumn = components["schemas"]["LeadColumn"];
export type LeadCard = components["schemas"]["LeadCard"];
export type LeadStage = components["schemas"]["Stage"];

/** The lead board's cards, among the boards' draggable cards (components/kanban). */
export const LEAD_CARD = "lead-card";
/** In ``substage_counts``: the leads in no substage. */
export const NO_SUBSTAGE = "_none";

export interface Place {
  stage: string;
  substage: string | null;
}

/** A place as one value of the move dialog's list ("contacted" or "contacted/no-answer"; ids have no "/"). */
export function placeValue(place: Place): string {
  return place.substage ? `${place.stage}/${place.substage}` : place.stage;
}

export function placeOf(value: string): Place {
  const [stage, substage] = value.split("/");
  return { stage: stage ?? "", substage: substage || null };
}

/** The score a lead gets in a place: the substage's, else the stage's probability (as the API sets it). */
export function scoreIn(stage: LeadStage, substage: string | null): number {
  const sub = substage ? stage.substages?.find((s) => s.id === substage) : undefined;
  return sub?.score ?? stage.probability;
}

/** Every open place (a stage, and each of its substages) but the card's own. */
export function openPlaces(board: LeadBoard, card: Place): { place: Place; stage: LeadStage }[] {
  return board.columns.filter((column) => column.stage.kind === "open").flatMap(({ stage }) => [
    { place: { stage: stage.id, substage: null }, stage },
    ...(stage.substages ?? []).map((sub) => ({ place: { stage: stage.id, substage: sub.id }, stage })),
  ]).filter(({ place }) => place.stage !== card.stage || place.substage !== card.substage);
}

export function findLead(board: LeadBoard, id: string): { column: LeadColumn; card: LeadCard } | undefined {
  for (const column of board.columns) {
    const card = column.cards.find((lead) => lead.id === id);
    if (card) return { column, card };
  }
  return undefined;
}

function bump(counts: Record<string, number>, substage: string | null | undefined, by: number) {
  const key = substage ?? NO_SUBSTAGE;
  const next = { ...counts, [key]: Math.max(0, (counts[key] ?? 0) + by) };
  if (next[key] === 0) delete next[key];
  return next;
}

const byScore = (a: LeadCard, b: LeadCard) => (b.score ?? -1) - (a.score ?? -1) || (a.id < b.id ? -1 : 1);

/** The board with lead ``id`` moved to ``to``: counts of both columns (and their substages) follow, and the card
 * takes the place's score and sits among the target's cards by score (best first). */
export function moveLead(board: LeadBoard, id: string, to: Place, now = new Date()): LeadBoard {
  const found = findLead(board, id);
  const target = board.columns.find((column) => column.stage.id === to.stage);
  if (!found || !target) return board;
  const sameStage = found.column.stage.id === to.stage;
  const moved: LeadCard = {
    ...found.card,
    lead_stage: to.stage,
    lead_substage: to.substage,
    score: scoreIn(target.stage, to.substage),
    lead_stage_entered_at: sameStage ? found.card.lead_stage_entered_at : now.toISOString(),
  };
  return {
    ...board,
    columns: board.columns.map((column) => {
      let next = column;
      if (column === found.column) {
        next = {
          ...next,
          count: next.count - 1,
          substage_counts: bump(next.substage_counts, found.card.lead_substage, -1),
          cards: next.cards.filter((card) => card.id !== id),
        };
      }
      if (column === target) {
        next = {
          ...next,
          count: next.count + 1,
          substage_counts: bump(next.substage_counts, to.substage, 1),
          cards: [...next.cards, moved].sort(byScore),
        };
      }
      return next;
    }),
  };
}

export interface LeadBoardFilters {
  pipelineId: string;
  ownerId: string;
}

export function leadFiltersFromParams(params: URLSearchParams): LeadBoardFilters {
  return { pipelineId: params.get("pipeline") ?? "", ownerId: params.get("owner") ?? "" };
}

export function leadFiltersToParams(filters: LeadBoardFilters, find: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.pipelineId) params.set("pipeline", filters.pipelineId);
  if (filters.ownerId) params.set("owner", filters.ownerId);
  if (find) params.set("find", find);
  return params;
}
