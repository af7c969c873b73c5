/** Due dates: between the API's ISO timestamps and the browser's date-time inputs (the user's own time zone), and
 * how soon something is due. */

const pad = (n: number) => String(n).padStart(2, "0");

/** The value of an `<input type="datetime-local">` showing ``iso`` in local time ("" for none). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a datetime-local value means in local time, as the API takes it (UTC, `Z`); null for "". */
export function fromLocalInput(value: string): string | null {
  if (!value.trim()) return null;
  const date = new Date(value); // a date-time without an offset is read as local time
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type DueKind = "overdue" | "today" | "later" | "none";

const OPEN = new Set(["scheduled", "in_progress"]);

/** How urgent an activity is: overdue (open and due before now), due today, later, or nothing to say (undated, or
 * completed or cancelled). */
export function dueKind(activity: { due_at?: string | null; status: string }, now: Date = new Date()): DueKind {
  if (!activity.due_at || !OPEN.has(activity.status)) return "none";
  const due = new Date(activity.due_at);
  if (due.getTime() < now.getTime()) return "overdue";
  return sameLocalDay(due, now) ? "today" : "later";
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Local midnight at the start of ``day``, moved by ``days``. */
export function startOfDay(day: Date, days = 0): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + days);
}

/** The last millisecond of ``day`` (local), moved by ``days``. */
export function endOfDay(day: Date, days = 0): Date {
  return new Date(startOfDay(day, days + 1).getTime() - 1);
}
