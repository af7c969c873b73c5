/** The assistants feature's server state: the tool list the caller's role gets. */
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";

export type AssistantTools = components["schemas"]["AssistantTools"];
export type AssistantFunction = components["schemas"]["AssistantFunction"];

export function useAssistantTools() {
  return useQuery({
    queryKey: ["assistants", "tools"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/ai/tools", { signal })),
    staleTime: 5 * 60_000,
  });
}
