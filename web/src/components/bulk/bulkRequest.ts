/** What the bulk form sends and what it makes of the answer: pure, so it is tested without a browser. */
import type { BulkRequest, BulkResult } from "@/api/types";

/** The API's limit of ids in one request. */
export const MOST_AT_ONCE = 500;

export type BulkActionId = BulkRequest["action"];
/** The fields an action needs besides its ids (tags, owner_id, status, stage...). */
export type BulkChange = Partial<Omit<BulkRequest, "action" | "ids">>;

export interface Refusal {
  id: string;
  name: string;
  message: string;
}

/** The request for ``action`` on ``ids``, every field it does not need null. */
export function bulkRequest(action: BulkActionId, ids: string[], change: BulkChange): BulkRequest {
  return {
    action, ids, tags: null, owner_id: null, status: null, stage: null, pipeline_id: null, reason: null, ...change,
  };
}

/** The records the API refused, named as the list names them, with its reason. */
export function refusals(result: BulkResult, names: ReadonlyMap<string, string>): Refusal[] {
  return result.results.filter((item) => !item.ok).map((item) => ({
    id: item.id, name: names.get(item.id) ?? item.id, message: item.message ?? item.code ?? "",
  }));
}

/** The ids the API changed. */
export function changedIds(result: BulkResult): string[] {
  return result.results.filter((item) => item.ok).map((item) => item.id);
}

/** Tags typed separated by commas, trimmed, without empty ones. */
export function tagList(text: string): string[] {
  return text.split(",").map((tag) => tag.trim()).filter(Boolean);
}

/** The records a bulk job refused, from its errors (each names the record's id as its field, with the API's code
 * and reason as its message). */
export function jobRefusals(errors: readonly Record<string, unknown>[]): Refusal[] {
  return errors.map((error) => {
    const id = typeof error.field === "string" ? error.field : String(error.line ?? "");
    return { id, name: id, message: String(error.message ?? "") };
  });
}
