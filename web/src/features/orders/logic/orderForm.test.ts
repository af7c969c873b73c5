import { describe, expect, it } from "vitest";
import { emptyOrder, toCreate, toFormValues, toUpdate, type Order } from "./orderForm";
import { filtersFromParams, filtersToParams, toApiQuery } from "./orderFilters";

const order = {
  id: "o1", customer_id: "c1", order_number: "SO-1", total: "120.40", currency: "EUR", status: "pending",
  shipping_address: { line1: "Ermou 1", line2: null, city: "Athens", postal_code: "10563", region: null, country: "GR" },
  notes: null, owner_id: "rita", status_history: [], created_at: "2026-05-01T00:00:00Z", updated_at: "2026-05-01T00:00:00Z",
  delivered_at: null, cancelled_at: null, person_id: null, version: "1", next_statuses: ["confirmed", "cancelled"], money_editable: true,
} as Order;

describe("order form", () => {
  it("creates with the customer, no empty address and no owner unless chosen", () => {
    const values = { ...emptyOrder({ id: "c1", name: "Acme" }, "EUR"), order_number: " SO-9 ", total: "10,5" };
    expect(toCreate(values)).toEqual({ customer_id: "c1", order_number: "SO-9", total: "10.5", currency: "EUR",
      shipping_address: null, notes: null });
  });

  it("updates only what changed, the address as a whole", () => {
    const loaded = toFormValues(order, "Acme");
    expect(toUpdate(loaded, loaded)).toEqual({});
    expect(toUpdate({ ...loaded, total: "120.4" }, loaded)).toEqual({});
    expect(toUpdate({ ...loaded, shipping_address: { ...loaded.shipping_address, city: "Patras" } }, loaded)).toEqual({
      shipping_address: { line1: "Ermou 1", line2: null, city: "Patras", postal_code: "10563", region: null, country: "GR" },
    });
    expect(toUpdate({ ...loaded, notes: "gift", total: "99" }, loaded)).toEqual({ notes: "gift", total: "99" });
  });
});

describe("order filters", () => {
  it("round-trip through the address and leave defaults out of the query", () => {
    const filters = filtersFromParams(new URLSearchParams("status=shipped&sort=-total&owner=rita&bogus=1"));
    expect(filtersToParams(filters).toString()).toBe("status=shipped&owner=rita&sort=-total");
    expect(toApiQuery(filters)).toEqual({ page_size: 50, status: "shipped", owner_id: "rita", order_by: "-total" });
    expect(toApiQuery(filtersFromParams(new URLSearchParams("status=lost&sort=x")))).toEqual({ page_size: 50 });
  });
});
