import { describe, expect, it } from "vitest";
import { emptyLink, toLinkCreate, toLinkUpdate } from "./linkForm";
import { emptyPartner, toPartnerCreate, toPartnerUpdate, toPartnerValues } from "./partnerForm";
import { hostList, toProgrammeUpdate, toProgrammeValues } from "./programmeForm";

describe("partner form", () => {
  it("leaves blanks out of a new partner and upper-cases the currency", () => {
    const values = { ...emptyPartner(), name: " Blog ", email: "a@b.example", currency: "eur" };
    expect(toPartnerCreate(values)).toEqual({ name: "Blog", email: "a@b.example", currency: "EUR" });
  });

  it("sends only what changed, clearing blanked optional fields", () => {
    const loaded = toPartnerValues({ name: "Blog", email: "a@b.example", company: "Ltd", uid: null, plan_id: "p1",
      currency: "EUR", notes: null, owner_id: "u1" });
    const typed = { ...loaded, company: "", plan_id: "p2", notes: "  " };
    expect(toPartnerUpdate(typed, loaded)).toEqual({ company: null, plan_id: "p2" });
  });

  it("never clears the currency and lets the API refuse a blank name", () => {
    const loaded = toPartnerValues({ name: "Blog", email: null, company: null, uid: null, plan_id: null,
      currency: "EUR", notes: null, owner_id: "u1" });
    expect(toPartnerUpdate({ ...loaded, currency: "", name: "" }, loaded)).toEqual({ name: "" });
  });

  it("gives the partner to another manager, and never clears who manages it", () => {
    const loaded = toPartnerValues({ name: "Blog", email: null, company: null, uid: null, plan_id: null,
      currency: "EUR", notes: null, owner_id: "u1" });
    expect(toPartnerUpdate({ ...loaded, owner_id: "u2" }, loaded)).toEqual({ owner_id: "u2" });
    expect(toPartnerUpdate({ ...loaded, owner_id: "" }, loaded)).toEqual({});
  });
});

describe("link form", () => {
  it("leaves a blank code out so the API makes one up", () => {
    const values = { ...emptyLink(), destination: " https://shop.example.com/a ", utm_source: "blog" };
    expect(toLinkCreate("p1", values)).toEqual({
      partner_id: "p1", destination: "https://shop.example.com/a", utm_source: "blog",
    });
  });

  it("clears a blanked UTM field and sends a blanked destination for the API to refuse", () => {
    const loaded = { ...emptyLink(), destination: "https://shop.example.com/a", code: "spring", campaign: "may" };
    const typed = { ...loaded, campaign: "", utm_medium: "social", destination: "" };
    expect(toLinkUpdate(typed, loaded)).toEqual({ campaign: null, utm_medium: "social", destination: "" });
    expect(toLinkUpdate(loaded, loaded)).toEqual({});
  });
});

describe("programme form", () => {
  it("takes hosts one per line, or separated by commas and spaces", () => {
    expect(hostList("shop.example.com\n\n *.example.org, a.example.net b.example.net ")).toEqual([
      "shop.example.com", "*.example.org", "a.example.net", "b.example.net",
    ]);
  });

  it("sends whole days as numbers and anything else as typed", () => {
    const values = toProgrammeValues({ allowed_hosts: ["a.example.com"], attribution_window_days: 30, hold_days: 0,
      click_parameter: "click_id" });
    expect(values.hold_days).toBe("0");
    expect(toProgrammeUpdate({ ...values, hold_days: "14", attribution_window_days: "ten" })).toEqual({
      allowed_hosts: ["a.example.com"], attribution_window_days: "ten", hold_days: 14, click_parameter: "click_id",
    });
  });
});
