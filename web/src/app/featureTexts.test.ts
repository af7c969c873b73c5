import i18next from "i18next";
import type { RouteObject } from "react-router";
import { describe, expect, it } from "vitest";
import { TextsOnDemand } from "@/i18n/featureTexts";
import { useFeatureTexts, withTexts } from "./featureTexts";

const dealsTexts = { en: { title: "Deals", board: { label: "Board" } }, el: { title: "Ευκαιρίες", board: { label: "Πίνακας" } } };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

async function started(menu = { deals: { en: { nav: "Deals" }, el: { nav: "Ευκαιρίες" } } }) {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: { deals: menu.deals.en } }, el: { translation: { deals: menu.deals.el } } },
    lng: "en",
    fallbackLng: false,
  });
  return i18n;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("texts on demand", () => {
  it("adds a feature's texts in both languages under its id, next to its menu texts", async () => {
    const i18n = await started();
    const texts = new TextsOnDemand({ deals: async () => dealsTexts }, i18n);
    expect(texts.loaded(["deals"])).toBe(false);
    expect(i18n.exists("deals.board.label")).toBe(false);
    await texts.load(["deals"]);
    expect(texts.loaded(["deals"])).toBe(true);
    expect(i18n.t("deals.board.label")).toBe("Board");
    expect(i18n.t("deals.board.label", { lng: "el" })).toBe("Πίνακας");
    expect(i18n.t("deals.nav", { lng: "el" })).toBe("Ευκαιρίες");
  });

  it("fetches each feature's texts once, however many pages wait for them", async () => {
    const i18n = await started();
    let calls = 0;
    const texts = new TextsOnDemand({ deals: async () => (calls++, dealsTexts) }, i18n);
    await Promise.all([texts.load(["deals"]), texts.load(["deals", "customers"]), texts.load(["deals"])]);
    await texts.load(["deals"]);
    expect(calls).toBe(1);
  });

  it("skips ids without texts of their own, and tries a failed load again", async () => {
    const i18n = await started();
    let fail = true;
    const texts = new TextsOnDemand({
      deals: async () => {
        if (fail) throw new Error("chunk failed");
        return dealsTexts;
      },
    }, i18n);
    expect(texts.loaded(["customers"])).toBe(true);
    await expect(texts.load(["deals"])).rejects.toThrow("chunk failed");
    expect(String(texts.error(["deals"]))).toContain("chunk failed");
    fail = false;
    await texts.load(["deals"]);
    expect(texts.error(["deals"])).toBeUndefined();
    expect(i18n.t("deals.title")).toBe("Deals");
  });
});

describe("pages and panels wait for their texts", () => {
  it("gives a lazy route its page only once its feature's texts and those its handle names are there", async () => {
    const i18n = await started();
    const views = deferred<{ en: Record<string, unknown>; el: Record<string, unknown> }>();
    const texts = new TextsOnDemand({ deals: async () => dealsTexts, views: () => views.promise }, i18n);
    const Page = () => null;
    const route = withTexts({ path: "deals", lazy: async () => ({ Component: Page }), handle: { texts: ["views"] } },
      ["deals"], texts);
    let resolved: unknown;
    void (route.lazy as () => Promise<unknown>)().then((module) => (resolved = module));
    await settle();
    expect(resolved).toBeUndefined();
    views.resolve({ en: { label: "Saved view" }, el: { label: "Αποθηκευμένη προβολή" } });
    await settle();
    expect(resolved).toEqual({ Component: Page });
    expect(texts.loaded(["deals", "views"])).toBe(true);
  });

  it("gives a route with an element a loader that waits for the texts, children included", async () => {
    const i18n = await started();
    const texts = new TextsOnDemand({ deals: async () => dealsTexts }, i18n);
    const route: RouteObject = withTexts({ path: "deals", element: null, children: [{ path: "x", element: null }] },
      ["deals"], texts);
    expect(route.loader).toBeTypeOf("function");
    expect(route.children?.[0].loader).toBeTypeOf("function");
    await (route.loader as () => Promise<unknown>)();
    expect(texts.loaded(["deals"])).toBe(true);
  });

  it("runs a route's own loader once the texts are there", async () => {
    const i18n = await started();
    const texts = new TextsOnDemand({ deals: async () => dealsTexts }, i18n);
    let textsThere: boolean | undefined;
    const route = withTexts({ path: "deals", element: null, loader: () => (textsThere = i18n.exists("deals.title")) },
      ["deals"], texts);
    expect(await (route.loader as () => Promise<unknown>)()).toBe(true);
    expect(textsThere).toBe(true);
  });

  it("suspends a panel until its feature's texts are there", async () => {
    const i18n = await started();
    const texts = new TextsOnDemand({ deals: async () => dealsTexts }, i18n);
    let thrown: unknown;
    try {
      useFeatureTexts(["deals"], texts);
    } catch (promise) {
      thrown = promise;
    }
    expect(thrown).toBeInstanceOf(Promise);
    await thrown;
    expect(() => useFeatureTexts(["deals"], texts)).not.toThrow();
  });
});
