import { describe, expect, it } from "vitest";
import { emptyLineItem, lineItemsTotal, toCreate, toFormValues, toUpdate } from "./dealForm";

describe("deal form", () => {
  it("creates with only what was filled in", () => {
    const values = { ...toFormValues(), title: "Arcade", customer_id: "c1", value: "100.50" };
    expect(toCreate(values)).toEqual({ title: "Arcade", customer_id: "c1", value: "100.50" });
  });

  it("takes the value from the line items", () => {
    const items = [{ ...emptyLineItem(), name: "Cabinet", quantity: "2", unit_price: "10.005" },
      { ...emptyLineItem(), name: "Coins", quantity: "1.5", unit_price: "3" }];
    expect(lineItemsTotal([{ ...items[1] }])).toBe("4.50");
    expect(lineItemsTotal(items)).toBeNull(); // 10.005 is no price
    items[0].unit_price = "10.01";
    expect(lineItemsTotal(items)).toBe("24.52");
    const body = toCreate({ ...toFormValues(), title: "T", customer_id: "c", value: "1", line_items: items });
    expect(body).toMatchObject({ line_items: [{ name: "Cabinet", product_id: null }, { name: "Coins" }] });
    expect(body).not.toHaveProperty("value");
  });

  it("updates only what changed", () => {
    const loaded = { ...toFormValues(), title: "A", value: "10.00", currency: "EUR", expected_close_date: "2026-05-01" };
    expect(toUpdate({ ...loaded }, loaded)).toEqual({});
    expect(toUpdate({ ...loaded, title: "B", value: "10.0", expected_close_date: "" }, loaded)).toEqual({
      title: "B", expected_close_date: null });
    expect(toUpdate({ ...loaded, line_items: [{ ...emptyLineItem(), name: "X", unit_price: "5" }] }, loaded))
      .toEqual({ line_items: [{ product_id: null, name: "X", quantity: "1", unit_price: "5" }] });
  });

  it("sends tags as the API keeps them, and only when they changed", () => {
    const created = toCreate({ ...toFormValues(), title: "T", customer_id: "c", tags: " VIP, athens,vip, " });
    expect(created).toMatchObject({ tags: ["vip", "athens"] });
    const loaded = toFormValues({ tags: ["vip"] } as never);
    expect(loaded.tags).toBe("vip");
    expect(toUpdate({ ...loaded, tags: "VIP " }, loaded)).toEqual({});
    expect(toUpdate({ ...loaded, tags: "vip, gold" }, loaded)).toEqual({ tags: ["vip", "gold"] });
    expect(toUpdate({ ...loaded, tags: "" }, loaded)).toEqual({ tags: [] });
  });
});
