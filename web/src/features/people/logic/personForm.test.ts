import { describe, expect, it } from "vitest";
import type { Person } from "../api";
import { toCreate, toFormValues, toUpdate } from "./personForm";

const person = {
  id: "p1", customer_id: "c1", customer_name: "Acme", first_name: "Maria", last_name: "P", job_title: null,
  department: null, contacts: [{ type: "email", label: null, value: "maria@acme.gr", primary: true }],
  primary: false, do_not_call: false, email_opt_out: false, notes: null, owner_id: "rep-1",
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", deleted_at: null, name: "Maria P",
  email: "maria@acme.gr", phone: null, version: "1",
} as Person;

describe("person form", () => {
  it("sends only what changed", () => {
    const loaded = toFormValues(person);
    expect(toUpdate({ ...loaded, job_title: " Buyer ", do_not_call: true }, loaded))
      .toEqual({ job_title: "Buyer", do_not_call: true });
    expect(toUpdate(loaded, loaded)).toEqual({});
  });

  it("clears an emptied text with null and drops empty channels", () => {
    const loaded = toFormValues(person);
    const update = toUpdate({ ...loaded, last_name: "", contacts: [...loaded.contacts,
      { type: "phone", label: "", value: " ", primary: false }] }, loaded);
    expect(update).toEqual({ last_name: null });
  });

  it("builds a new person from the quick form", () => {
    expect(toCreate({ first_name: "Nikos", last_name: "", job_title: "", email: "n@acme.gr", phone: "",
      primary: true })).toEqual({ first_name: "Nikos", email: "n@acme.gr", primary: true });
  });
});
