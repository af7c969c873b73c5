import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { UI_TEXTS_ID, uiTexts } from "@/components/texts";
import { el } from "@/i18n/el";
import { en } from "@/i18n/en";
import { resources } from "@/i18n";
import type { PageHandle } from "./feature";
import { BUNDLED_TEXTS, FEATURES } from "./features";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]);
}

const withTexts = FEATURES.filter((feature) => feature.texts);

describe("features", () => {
  it("have unique ids that do not hide the shared texts", () => {
    const ids = FEATURES.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const feature of FEATURES.filter((f) => f.texts || f.menuTexts)) {
      expect(Object.keys(en)).not.toContain(feature.id);
    }
    expect([...ids, ...Object.keys(en)]).not.toContain(UI_TEXTS_ID);
  });

  it("give their texts in English and Greek with the same keys", async () => {
    for (const feature of withTexts) {
      const texts = await feature.texts!();
      expect(keys(texts.el).sort(), feature.id).toEqual(keys(texts.en).sort());
    }
    for (const feature of FEATURES.filter((f) => f.menuTexts)) {
      expect(keys(feature.menuTexts!.el).sort(), feature.id).toEqual(keys(feature.menuTexts!.en).sort());
    }
    expect(keys(uiTexts.el).sort()).toEqual(keys(uiTexts.en).sort());
  });

  it("keep each menu text once: in the menu texts, not again in the texts that load with the pages", async () => {
    for (const feature of withTexts.filter((f) => f.menuTexts)) {
      const texts = await feature.texts!();
      expect(keys(texts.en).filter((key) => keys(feature.menuTexts!.en).includes(key)), feature.id).toEqual([]);
    }
  });

  it("show every menu entry and command in both languages before any feature's texts load", async () => {
    const bundled = resources(BUNDLED_TEXTS);
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: { ...en, ...bundled.en.translation } }, el: { translation: { ...el, ...bundled.el.translation } } },
      lng: "en",
      fallbackLng: false,
    });
    const labels = FEATURES.flatMap((feature) => [
      ...(feature.nav ? [feature.nav.label] : []), ...(feature.commands ?? []).map((command) => command.label)]);
    expect(labels.length).toBeGreaterThan(10);
    for (const language of ["en", "el"]) {
      expect(labels.filter((label) => !i18n.exists(label, { lng: language })), language).toEqual([]);
    }
    expect(i18n.t("deals.nav", { lng: "el" })).toBe("Ευκαιρίες");
  });

  it("name only texts that exist for their pages to wait for", () => {
    const ids = new Set(withTexts.map((feature) => feature.id));
    const named = FEATURES.flatMap((feature) => feature.routes)
      .flatMap((route) => (route.handle as PageHandle | undefined)?.texts ?? []);
    expect(named).toContain("views");
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
