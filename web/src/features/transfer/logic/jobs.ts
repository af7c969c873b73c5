/** Pure helpers of the import and export screen: a file cut into upload parts, and a job's progress in words. */

/** ``text`` cut into parts of at most ``size`` characters (an upload's parts), in order; none for an empty text. */
export function splitParts(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts;
}

export interface JobLike {
  status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  progress?: { done?: number; total?: number | null; counts?: Record<string, number> };
}

/** How far a job has gone, 0-100, or null while its total is unknown. */
export function percentDone(job: JobLike): number | null {
  if (job.status === "succeeded") return 100;
  const total = job.progress?.total;
  if (!total) return null;
  return Math.min(100, Math.floor(((job.progress?.done ?? 0) * 100) / total));
}

/** Whether the job is still to be polled. */
export function isRunning(job: JobLike): boolean {
  return job.status === "queued" || job.status === "running";
}

/** The job's counts in a stable order (created, updated, unchanged, records, succeeded, failed, then the rest). */
export function orderedCounts(job: JobLike): [string, number][] {
  const order = ["created", "updated", "unchanged", "records", "succeeded", "failed"];
  const counts = Object.entries(job.progress?.counts ?? {});
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return counts.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The format a file's name says: .jsonl and .ndjson are JSON Lines, anything else CSV (as the API decides). */
export function formatOf(fileName: string): "csv" | "jsonl" {
  return /\.(jsonl|ndjson)$/i.test(fileName) ? "jsonl" : "csv";
}
