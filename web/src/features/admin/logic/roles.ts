/** The users' roles screen: which users a search and a role filter show. */
import type { DirectoryUser, Role } from "@/api/types";
import { matchesQuery } from "@/components/fold";

export const ROLES: Role[] = ["admin", "manager", "rep", "viewer"];
/** Users nobody has given a role yet. */
export const NO_ROLE = "none";
export type RoleFilter = Role | typeof NO_ROLE | "";

export function shownUsers(users: readonly DirectoryUser[], search: string, role: RoleFilter): DirectoryUser[] {
  return users.filter((user) =>
    (role === "" || (role === NO_ROLE ? !user.role : user.role === role))
    && matchesQuery(search, [user.display_name, user.email, user.uid]));
}
