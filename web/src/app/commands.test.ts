import { describe, expect, it } from "vitest";
import type { Feature } from "./feature";
import { availableCommands, findCommands, isCommandMenuKey, searchesCustomers } from "./commands";

const features: Feature[] = [
  { id: "customers", nav: { to: "/customers", label: "Customers", access: "read" }, routes: [],
    commands: [{ id: "customer:new", label: "New customer", to: "/customers/new", access: "write", group: "create" }] },
  { id: "admin", nav: { to: "/admin/users", label: "Users and roles", access: "admin" }, routes: [],
    commands: [{ id: "rates", label: "Currency rates", to: "/admin/currency-rates", access: "admin", group: "go" }] },
];
const identity = (key: string) => key;

describe("availableCommands", () => {
  it("offers only what the role may do", () => {
    const viewer = availableCommands(features, (access) => access === "read", identity);
    expect(viewer.map((c) => c.id)).toEqual(["customers:nav"]);
    const admin = availableCommands(features, () => true, identity);
    expect(admin.map((c) => c.to)).toEqual(["/customers", "/customers/new", "/admin/users", "/admin/currency-rates"]);
  });
});

describe("findCommands", () => {
  const all = availableCommands(features, () => true, identity);
  it("finds by any word, screens before creating", () => {
    expect(findCommands(all, "cust").map((c) => c.id)).toEqual(["customers:nav", "customer:new"]);
    expect(findCommands(all, "rates curr").map((c) => c.id)).toEqual(["rates"]);
    expect(findCommands(all, "").length).toBe(4);
  });
});

describe("keys", () => {
  it("opens on Ctrl+K and Cmd+K only", () => {
    expect(isCommandMenuKey({ key: "k", ctrlKey: true, metaKey: false, altKey: false })).toBe(true);
    expect(isCommandMenuKey({ key: "K", ctrlKey: false, metaKey: true, altKey: false })).toBe(true);
    expect(isCommandMenuKey({ key: "k", ctrlKey: false, metaKey: false, altKey: false })).toBe(false);
    expect(isCommandMenuKey({ key: "k", ctrlKey: true, metaKey: false, altKey: true })).toBe(false);
  });
  it("searches customers from two characters", () => {
    expect(searchesCustomers("m")).toBe(false);
    expect(searchesCustomers("ma")).toBe(true);
    expect(searchesCustomers("--")).toBe(false);
  });
});
