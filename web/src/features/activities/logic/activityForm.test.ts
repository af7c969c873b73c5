import { describe, expect, it } from "vitest";
import { emptyActivity, toCreate, toFormValues, toUpdate, type Activity } from "./activityForm";

const activity = {
  id: "a1", type: "meeting", subject: "Demo", description: null, due_at: "2026-05-04T07:30:00Z", status: "scheduled",
  completed_at: null, priority: "high", customer_id: "c1", deal_id: null, owner_id: "rita",
  created_at: "2026-05-01T00:00:00Z", updated_at: "2026-05-01T00:00:00Z", version: "1",
} as Activity;

describe("activity form", () => {
  it("creates with the customer and without an owner unless one was chosen", () => {
    const values = { ...emptyActivity({ id: "c1", name: "Acme" }), subject: "  Call back ", due_at: "" };
    expect(toCreate(values)).toEqual({ type: "call", subject: "Call back", description: null, due_at: null,
      priority: "normal", status: "scheduled", customer_id: "c1", deal_id: null });
    expect(toCreate({ ...values, owner_id: "mina" })).toMatchObject({ owner_id: "mina" });
  });

  it("updates only what changed", () => {
    const loaded = toFormValues(activity, "Acme");
    expect(loaded.due_at).not.toBe("");
    expect(toUpdate(loaded, loaded)).toEqual({});
    expect(toUpdate({ ...loaded, subject: "Demo v2", description: "Bring the cabinet" }, loaded))
      .toEqual({ subject: "Demo v2", description: "Bring the cabinet" });
    expect(toUpdate({ ...loaded, due_at: "" }, loaded)).toEqual({ due_at: null });
    expect(toUpdate({ ...loaded, owner_id: "mina" }, loaded)).toEqual({ owner_id: "mina" });
  });
});
