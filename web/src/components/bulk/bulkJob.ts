/** A change to every record a list's filters match, run by the API as a job: started, then polled every second
 * until it ends. */
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type Job = components["schemas"]["Job"];
export type BulkJobRequest = components["schemas"]["BulkJobRequest"];
export type BulkKind = "customers" | "deals" | "activities";

const RUNNING = new Set<Job["status"]>(["queued", "running"]);

export function jobRunning(job: Job | undefined): boolean {
  return !!job && RUNNING.has(job.status);
}

export function useStartBulkJob(kind: BulkKind) {
  return useMutation({
    mutationFn: (body: BulkJobRequest) => {
      if (kind === "deals") return unwrap(api.POST("/api/crm/deals/bulk-jobs", { body }));
      if (kind === "activities") return unwrap(api.POST("/api/crm/activities/bulk-jobs", { body }));
      return unwrap(api.POST("/api/crm/customers/bulk-jobs", { body }));
    },
  });
}

/** The job, asked for every second while it runs (and not at all once it has ended). */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ["jobs", "record", id],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/jobs/{job_id}", { params: { path: { job_id: id ?? "" } }, signal })),
    enabled: !!id,
    refetchInterval: (query) => (jobRunning(query.state.data) || !query.state.data ? 1000 : false),
  });
}
