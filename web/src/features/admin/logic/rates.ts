/** The currency-rates editor: rows of currency and rate, to and from the API's map, with the problems of each row
 * (found before saving, or named by the API's details). */
import type { ErrorDetail } from "@/api/errors";
import { normalizeAmount } from "@/components/amounts";

export interface RateRow {
  key: number;
  currency: string;
  rate: string;
}

let serial = 0;
export function newRow(currency = "", rate = ""): RateRow {
  serial += 1;
  return { key: serial, currency, rate };
}

export function rowsFrom(rates: Record<string, string>): RateRow[] {
  return Object.keys(rates).sort().map((code) => newRow(code, String(rates[code])));
}

export const code = (row: RateRow) => row.currency.trim().toUpperCase();

export function toUpdate(rows: readonly RateRow[]): { rates: Record<string, string> } {
  return { rates: Object.fromEntries(rows.filter((row) => code(row)).map((row) => [code(row), normalizeAmount(row.rate)])) };
}

export type RowProblem = "missingCode" | "badCode" | "sameAsBase" | "duplicate" | "missingRate";

/** What is wrong with each row before it goes to the API (row key -> problem). */
export function rowProblems(rows: readonly RateRow[], base: string): Record<number, RowProblem> {
  const problems: Record<number, RowProblem> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const currency = code(row);
    if (!currency && !row.rate.trim()) continue; // an empty row is left out
    if (!currency) problems[row.key] = "missingCode";
    else if (!/^[A-Z]{3}$/.test(currency)) problems[row.key] = "badCode";
    else if (currency === base) problems[row.key] = "sameAsBase";
    else if (seen.has(currency)) problems[row.key] = "duplicate";
    else if (!row.rate.trim()) problems[row.key] = "missingRate";
    seen.add(currency);
  }
  return problems;
}

/** The API's messages by row: its details name `rates.<CODE>` (the rate) or `rates.<CODE>.[key]` (the code). */
export function apiProblems(rows: readonly RateRow[], details: readonly ErrorDetail[]): Record<number, string> {
  const found: Record<number, string> = {};
  for (const detail of details) {
    const match = /^rates\.([^.]+)/.exec(detail.field ?? "");
    const row = match && rows.find((candidate) => code(candidate) === match[1].toUpperCase());
    if (row && !found[row.key]) found[row.key] = detail.message;
  }
  return found;
}
