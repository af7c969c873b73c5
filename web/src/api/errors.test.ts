import { describe, expect, it } from "vitest";
import { ApiError, formFieldFor, toUserError } from "./errors";

const t = (key: string) => `t:${key}`;
const FORM = ["name", "email", "tags", "contacts", "contacts.*.value", "owned_items.*.quantity"];

describe("formFieldFor", () => {
  it.each([
    ["name", "name"],
    ["contacts.0.value", "contacts.0.value"],
    ["contacts.3.label", "contacts"],
    ["tags.4", "tags"],
    ["owned_items.1.product.quantity", "owned_items.1.quantity"],
    ["location.city", undefined],
    [undefined, undefined],
  ])("places %s on %s", (api, form) => {
    expect(formFieldFor(api, FORM)).toBe(form);
  });
});

describe("toUserError", () => {
  it("puts each detail on the field it names and keeps the rest in the message", () => {
    const error = new ApiError(422, "VALIDATION_FAILED", "the request body is not valid", [
      { field: "contacts.0.value", message: "not a valid email address" },
      { field: "mystery", message: "unknown field" },
    ]);
    const shown = toUserError(error, t, FORM);
    expect(shown.fields).toEqual({ "contacts.0.value": "not a valid email address" });
    expect(shown.message).toBe("t:errors.validation mystery: unknown field");
    expect(shown.conflict).toBe(false);
  });

  it("marks a 412 as a conflict to offer a reload", () => {
    const shown = toUserError(new ApiError(412, "PRECONDITION_FAILED", "changed"), t);
    expect(shown).toMatchObject({ conflict: true, message: "t:errors.conflict" });
    const withVersions = new ApiError(412, "PRECONDITION_FAILED", "changed", [
      { field: "If-Match", expected: "v1", current: "v2" } as never]);
    expect(toUserError(withVersions, t).message).toBe("t:errors.conflict");
  });

  it("keeps the API's own sentence for a 409", () => {
    const error = new ApiError(409, "ALREADY_EXISTS", "email a@b.example already belongs to customer x (Ann)", [
      { field: "email", message: "email a@b.example already belongs to customer x (Ann)" },
    ]);
    const shown = toUserError(error, t, FORM);
    expect(shown.message).toContain("already belongs");
    expect(shown.fields.email).toContain("already belongs");
  });

  it("says the network failed when there was no answer, and that it may be retried", () => {
    expect(toUserError(new ApiError(0, "NETWORK", "Failed to fetch"), t)).toMatchObject({
      message: "t:errors.network", retryable: true,
    });
  });

  it("never shows internals of something that is not an API error", () => {
    expect(toUserError(new TypeError("x is undefined"), t).message).toBe("t:errors.unexpected");
  });

  it("reads the API's error body", () => {
    const body = { error: { code: "NOT_FOUND", message: "no customer", details: [] } };
    expect(ApiError.fromBody(404, body)).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(ApiError.fromBody(502, "<html>")).toMatchObject({ status: 502, code: "INTERNAL" });
  });
});
