/** The board's filters live in the address (?pipeline=&owner=), so a board can be bookmarked, shared, and set by a
 * saved view. */
import type { BoardFilters } from "../api";

export function boardFiltersFromParams(params: URLSearchParams): BoardFilters {
  return { pipelineId: params.get("pipeline") ?? "", ownerId: params.get("owner") ?? "" };
}

export function boardFiltersToParams(filters: BoardFilters, find = ""): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.pipelineId) params.set("pipeline", filters.pipelineId);
  if (filters.ownerId) params.set("owner", filters.ownerId);
  if (find) params.set("find", find);
  return params;
}

/** Whether a card matches the board's quick find (title or customer, any case and accents). */
export function matchesFind(find: string, ...texts: (string | null | undefined)[]): boolean {
  const wanted = fold(find.trim());
  return !wanted || texts.some((text) => text && fold(text).includes(wanted));
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
