/** The import and export screen's server state: the caller's jobs (polled while one runs), starting imports (a
 * file inline, or uploaded in parts when large) and exports, and an export's download. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { isRunning, splitParts } from "./logic/jobs";

export type Job = components["schemas"]["Job"];
export type TransferKind = components["schemas"]["TransferKind"];
export type FileFormat = components["schemas"]["FileFormat"];

const INLINE_CHARACTERS = 200_000;
const POLL_MS = 1000;

export const jobKeys = {
  all: ["transfer-jobs"] as const,
  errors: (id: string) => ["transfer-jobs", id, "errors"] as const,
};

/** The caller's recent jobs, refetched every second while one of them runs. */
export function useJobs() {
  return useQuery({
    queryKey: jobKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/jobs", { signal })),
    refetchInterval: (query) => (query.state.data?.results.some(isRunning) ? POLL_MS : false),
  });
}

type JobsPage = components["schemas"]["JobsPage"];

/** A job just started (or stopped) shows at once, and the list is polled while one runs; then it is fetched again. */
function showJob(queryClient: ReturnType<typeof useQueryClient>, job: Job): void {
  queryClient.setQueryData<JobsPage>(jobKeys.all, (old) => ({
    results: [job, ...(old?.results ?? []).filter((other) => other.id !== job.id)],
  }));
  void queryClient.invalidateQueries({ queryKey: jobKeys.all });
}

/** A job's row errors, in line order (the first 100). */
export function useJobErrors(id: string, enabled: boolean) {
  return useQuery({
    queryKey: jobKeys.errors(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/crm/jobs/{job_id}/errors", { params: { path: { job_id: id }, query: { limit: 100 } },
        signal })),
    enabled,
  });
}

export interface ImportInput {
  kind: TransferKind;
  fileName: string;
  text: string;
  preset: string | null;
  dryRun: boolean;
}

/** Start an import: the file inline when small, else uploaded first in parts. */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, fileName, text, preset, dryRun }: ImportInput) => {
      const base = { kind, file_name: fileName, dry_run: dryRun, preset, format: null, mapping: null, owner_id: null };
      if (text.length <= INLINE_CHARACTERS) {
        return unwrap(api.POST("/api/crm/imports", { body: { ...base, content: text, upload_id: null } }));
      }
      const upload = await unwrap(api.POST("/api/crm/uploads", { body: { file_name: fileName } }));
      const parts = splitParts(text, upload.part_characters);
      for (const [index, part] of parts.entries()) {
        await unwrap(api.POST("/api/crm/uploads/{upload_id}/parts", {
          params: { path: { upload_id: upload.id } }, body: { index, text: part },
        }));
      }
      return unwrap(api.POST("/api/crm/imports", { body: { ...base, content: null, upload_id: upload.id } }));
    },
    onSuccess: (job) => showJob(queryClient, job),
  });
}

/** Start an export of every record of a kind the caller may read. */
export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, format }: { kind: TransferKind; format: FileFormat }) =>
      unwrap(api.POST("/api/crm/exports", { body: { kind, format, filters: {} } })),
    onSuccess: (job) => showJob(queryClient, job),
  });
}

/** Stop a job after its current batch. */
export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/api/crm/jobs/{job_id}/cancel", { params: { path: { job_id: id } } })),
    onSuccess: (job) => showJob(queryClient, job),
  });
}

/** Save a succeeded export's file: fetched with the caller's token, handed to the browser as a download. */
export async function downloadExport(job: Job): Promise<void> {
  const answer = await unwrap(api.GET("/api/crm/jobs/{job_id}/download", {
    params: { path: { job_id: job.id } }, parseAs: "blob",
  }));
  const blob = answer as unknown as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = job.file_name ?? `${job.kind}.${job.format ?? "csv"}`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
