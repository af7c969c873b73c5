import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "@/api/types";
import { shownUsers } from "./roles";

const user = (uid: string, display_name: string | null, role: DirectoryUser["role"]): DirectoryUser =>
  ({ uid, display_name, email: `${uid}@example.com`, role, disabled: false });
const team = [user("ann", "Ann Admin", "admin"), user("nick", "Νίκος", null), user("rita", "Rita Rep", "rep")];

describe("shownUsers", () => {
  it("filters by role, by no role, and by name or email", () => {
    expect(shownUsers(team, "", "").length).toBe(3);
    expect(shownUsers(team, "", "none").map((u) => u.uid)).toEqual(["nick"]);
    expect(shownUsers(team, "νικος", "").map((u) => u.uid)).toEqual(["nick"]);
    expect(shownUsers(team, "rita@", "rep").map((u) => u.uid)).toEqual(["rita"]);
    expect(shownUsers(team, "rita", "admin")).toEqual([]);
  });
});
