import { describe, expect, it } from "vitest";
import { dueKind, endOfDay, fromLocalInput, startOfDay, toLocalInput } from "./due";

describe("local date-time inputs", () => {
  it("round-trip an instant through local time", () => {
    const iso = "2026-05-04T07:30:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });
  it("read empty and malformed values as no date", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
    expect(toLocalInput(null)).toBe("");
  });
  it("shows the local wall-clock time", () => {
    const local = new Date(2026, 0, 9, 8, 5);
    expect(toLocalInput(local.toISOString())).toBe("2026-01-09T08:05");
  });
});

describe("dueKind", () => {
  const now = new Date(2026, 4, 4, 12, 0);
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000).toISOString();
  it("marks open activities due before now as overdue", () => {
    expect(dueKind({ due_at: at(-1), status: "scheduled" }, now)).toBe("overdue");
    expect(dueKind({ due_at: at(-48), status: "in_progress" }, now)).toBe("overdue");
  });
  it("says today and later for open ones", () => {
    expect(dueKind({ due_at: at(3), status: "scheduled" }, now)).toBe("today");
    expect(dueKind({ due_at: at(30), status: "scheduled" }, now)).toBe("later");
  });
  it("says nothing of done, cancelled or undated ones", () => {
    expect(dueKind({ due_at: at(-1), status: "completed" }, now)).toBe("none");
    expect(dueKind({ due_at: at(-1), status: "cancelled" }, now)).toBe("none");
    expect(dueKind({ due_at: null, status: "scheduled" }, now)).toBe("none");
  });
});

describe("days", () => {
  it("start at local midnight and end just before the next", () => {
    const noon = new Date(2026, 4, 4, 12);
    expect(startOfDay(noon).getHours()).toBe(0);
    expect(endOfDay(noon, 6).getTime() - startOfDay(noon).getTime()).toBe(7 * 24 * 3600_000 - 1 + dstShift(noon));
  });
});

function dstShift(day: Date): number {
  return (startOfDay(day, 7).getTimezoneOffset() - startOfDay(day).getTimezoneOffset()) * 60_000;
}
