import { describe, expect, it } from "vitest";
import { en } from "@/i18n/en";
import { UI_TEXTS_ID, uiTexts } from "@/components/texts";
import { FEATURES } from "./features";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]);
}

describe("features", () => {
  it("have unique ids that do not hide the shared texts", () => {
    const ids = FEATURES.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const feature of FEATURES.filter((f) => f.texts)) expect(Object.keys(en)).not.toContain(feature.id);
    expect([...ids, ...Object.keys(en)]).not.toContain(UI_TEXTS_ID);
  });

  it("give their texts in English and Greek with the same keys", () => {
    for (const feature of FEATURES.filter((f) => f.texts)) {
      expect(keys(feature.texts!.el).sort(), feature.id).toEqual(keys(feature.texts!.en).sort());
    }
    expect(keys(uiTexts.el).sort()).toEqual(keys(uiTexts.en).sort());
  });
});
