/** Reports' server state: the dashboard, a pipeline's stage statistics and its forecast. Keyed under "reports",
 * which deal changes invalidate. */
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";

export function useDashboard() {
  return useQuery({
    queryKey: ["reports", "dashboard"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/dashboard", { signal })),
  });
}

export function useStageStats(pipelineId: string) {
  return useQuery({
    queryKey: ["reports", "stats", pipelineId],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/deals/stats", {
      params: { query: pipelineId ? { pipeline_id: pipelineId } : {} }, signal,
    })),
  });
}

export interface ForecastRange {
  pipelineId: string;
  from: string;
  to: string;
}

export function useForecast(range: ForecastRange) {
  return useQuery({
    queryKey: ["reports", "forecast", range.pipelineId, range.from, range.to],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/deals/forecast", {
      params: {
        query: {
          ...(range.pipelineId ? { pipeline_id: range.pipelineId } : {}),
          ...(range.from ? { from: range.from } : {}),
          ...(range.to ? { to: range.to } : {}),
        },
      },
      signal,
    })),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

export function usePipelineList() {
  return useQuery({
    queryKey: ["pipelines"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/pipelines", { signal })),
    staleTime: 5 * 60_000,
  });
}
