/** Tags as a form holds them ("vip, athens") and the registered tags that may complete the one being typed. */
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";

/** The tags of a comma-separated text: trimmed, lower-cased, each once (as the API keeps them). */
export function tagList(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** What the user typed, as the tags already complete and the start of the one being typed. */
export function typingTag(text: string): { done: string[]; typing: string } {
  const parts = text.split(",");
  const typing = (parts.pop() ?? "").trim().toLowerCase();
  return { done: parts.map((part) => part.trim()).filter(Boolean), typing };
}

/** Registered tags starting with ``prefix`` (under the tags feature's cache key, so its changes refresh them). */
export function useTagSuggestions(prefix: string) {
  return useQuery({
    queryKey: ["tags", "list", prefix, "suggestions"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/crm/tags", { params: { query: { prefix, page_size: 8 } }, signal })),
    enabled: prefix.length > 0,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}
