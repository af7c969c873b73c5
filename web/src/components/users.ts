/** The users' directory (GET /api/crm/users), loaded once and kept a few minutes: owners are shown by name and
 * chosen from a list, on every screen. */
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { DirectoryUser } from "@/api/types";

export const usersKey = ["users"] as const;
const PAGE = 1000;

async function allUsers(signal: AbortSignal): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.GET("/api/crm/users", {
      params: { query: { page_size: PAGE, ...(cursor ? { cursor } : {}) } }, signal,
    }));
    users.push(...page.results);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return users;
}

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: ({ signal }) => allUsers(signal), staleTime: 5 * 60_000 });
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How a uid reads for people: "You", the user's name (else their email), an API key by its prefix, or the uid
 * itself while the directory is loading or for someone it does not know. */
export function userLabel(uid: string, users: readonly DirectoryUser[] | undefined, myUid: string, t: Translate): string {
  if (uid === myUid) return t("ui.users.you");
  if (uid.startsWith("apikey:")) return t("ui.users.apiKey", { prefix: uid.slice("apikey:".length) });
  if (uid === "system") return t("ui.users.system");
  const user = users?.find((candidate) => candidate.uid === uid);
  return user?.display_name || user?.email || uid;
}

/** Users who may own records (they have a role and are not disabled), the current owner kept even if not. */
export function possibleOwners(users: readonly DirectoryUser[], current?: string | null): DirectoryUser[] {
  return users.filter((user) => (user.role && !user.disabled) || user.uid === current);
}
