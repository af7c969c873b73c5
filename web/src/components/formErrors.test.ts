import { describe, expect, it } from "vitest";
import { renameFields } from "./formErrors";

describe("renameFields", () => {
  it("moves messages to the form's names and keeps the rest", () => {
    const shown = { message: "m", fields: { customer_id: "pick one", subject: "empty" }, conflict: false, retryable: false };
    expect(renameFields(shown, { customer_id: "customer" }).fields).toEqual({ customer: "pick one", subject: "empty" });
  });
});
