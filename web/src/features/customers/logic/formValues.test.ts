import { describe, expect, it } from "vitest";
import type { Customer } from "@/api/types";
import { emptyItem, toCreate, toFormValues, toOwnedItem, toUpdate } from "./formValues";

const customer = {
  id: "c1", name: "Maria Papadopoulou", organization: "Acme", language: "el", status: "lead", source: null,
  contacts: [{ type: "email", label: null, value: "maria@acme.example", primary: true }], notes: [],
  location: { city: "Αθήνα", country: "GR", region: null }, tags: ["vip", "b2b"],
  owned_items: [{ type: "product", product_id: "P1", product_name: "Cabinet", quantity: 2, serial_numbers: ["A", "B"], notes: null }],
  linked_user_ids: [], nextcloud_folder: null, owner_id: "rep-maria", lifetime_value: "0.00",
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", version: "v1",
} as unknown as Customer;

describe("customer form values", () => {
  it("sends only the fields that changed", () => {
    const baseline = toFormValues(customer);
    const edited = { ...baseline, organization: "Acme Hellas", tags: "vip, b2b ,events" };
    expect(toUpdate(edited, baseline)).toEqual({ organization: "Acme Hellas", tags: ["vip", "b2b", "events"] });
  });

  it("sends the lead's priority, rating and score, and clears them with null", () => {
    const baseline = toFormValues({ ...customer, priority: "high", rating: null, score: 40 } as Customer);
    expect([baseline.priority, baseline.rating, baseline.score]).toEqual(["high", "", "40"]);
    expect(toUpdate({ ...baseline, priority: "", rating: "hot", score: "75" }, baseline))
      .toEqual({ priority: null, rating: "hot", score: 75 });
    expect(toUpdate({ ...baseline, score: "" }, baseline)).toEqual({ score: null });
    expect(toUpdate({ ...baseline, score: "4.5" }, baseline)).toEqual({ score: "4.5" }); // the API names the field
  });

  it("sends nothing when a field is changed and changed back", () => {
    const baseline = toFormValues(customer);
    expect(toUpdate({ ...baseline, name: "Maria Papadopoulou " }, baseline)).toEqual({});
  });

  it("clears an optional field with null, and sends an emptied name for the API to refuse on its field", () => {
    const baseline = toFormValues(customer);
    expect(toUpdate({ ...baseline, organization: "", name: "" }, baseline)).toEqual({ organization: null, name: "" });
  });

  it("never sends null for a field the API refuses as null", () => {
    const baseline = toFormValues(customer);
    expect(toUpdate({ ...baseline, owner_id: " " }, baseline)).toEqual({});
  });

  it("keeps a whole list when one entry changes", () => {
    const baseline = toFormValues(customer);
    const edited = { ...baseline, contacts: [...baseline.contacts, { type: "phone" as const, label: "", value: "2101234567", primary: false }] };
    expect(toUpdate(edited, baseline).contacts).toHaveLength(2);
  });

  it("turns an item into the fields of its kind", () => {
    expect(toOwnedItem({ ...emptyItem("console_device"), device_id: " DEV-1 ", quantity: "3" })).toEqual({
      type: "console_device", device_id: "DEV-1", label: null, serial_number: null, notes: null,
    });
    expect(toOwnedItem({ ...emptyItem("product"), quantity: "2", serial_numbers: "A, B," })).toMatchObject({
      quantity: 2, serial_numbers: ["A", "B"],
    });
  });

  it("passes a quantity that is not a number on, for the API to name the field", () => {
    expect(toOwnedItem({ ...emptyItem("product"), quantity: "two" })).toMatchObject({ quantity: "two" });
  });

  it("creates with the filled-in fields only", () => {
    const values = { ...toFormValues(), name: "New Co", email: "info@new.example", tags: "" };
    expect(toCreate(values)).toEqual({ name: "New Co", email: "info@new.example", status: "lead" });
  });
});
