import { describe, expect, it } from "vitest";
import type { DirectoryUser } from "@/api/types";
import { possibleOwners, userLabel } from "./users";

const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ""}`;
const user = (uid: string, fields: Partial<DirectoryUser> = {}): DirectoryUser =>
  ({ uid, display_name: null, email: null, role: "rep", disabled: false, ...fields });
const team = [user("u1", { display_name: "Rita Rep", email: "rita@example.com" }), user("u2", { email: "x@example.com" }),
  user("u3", { role: null }), user("u4", { disabled: true })];

describe("userLabel", () => {
  it("says You for oneself, a name, else an email, else the uid", () => {
    expect(userLabel("me", team, "me", t)).toBe("ui.users.you");
    expect(userLabel("u1", team, "me", t)).toBe("Rita Rep");
    expect(userLabel("u2", team, "me", t)).toBe("x@example.com");
    expect(userLabel("ghost", team, "me", t)).toBe("ghost");
    expect(userLabel("u1", undefined, "me", t)).toBe("u1");
  });
  it("names integrations and the system", () => {
    expect(userLabel("apikey:ab12cd34", team, "me", t)).toBe('ui.users.apiKey{"prefix":"ab12cd34"}');
    expect(userLabel("system", team, "me", t)).toBe("ui.users.system");
  });
});

describe("possibleOwners", () => {
  it("leaves out users without a role and disabled ones, but keeps the current owner", () => {
    expect(possibleOwners(team).map((u) => u.uid)).toEqual(["u1", "u2"]);
    expect(possibleOwners(team, "u4").map((u) => u.uid)).toEqual(["u1", "u2", "u4"]);
  });
});
