import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { el } from "./el";
import { en } from "./en";
import { formatMoney, formatRelative, sortByText } from "./format";
import { initialLanguage, loadLanguage, switchLanguage } from "./index";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]);
}

describe("formatting", () => {
  it("formats money from the API's decimal strings in each language", () => {
    expect(formatMoney("1234.50", "EUR", "en")).toBe("€1,234.50");
    expect(formatMoney("1234.50", "EUR", "el")).toMatch(/^1\.234,50\s€$/);
    expect(formatMoney(null, "EUR", "en")).toBe("");
  });

  it("keeps every cent of a large amount", () => {
    expect(formatMoney("12345678901234.57", "EUR", "en")).toBe("€12,345,678,901,234.57");
  });

  it("says how long ago", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(formatRelative("2026-03-07T12:00:00Z", "en", now)).toBe("3 days ago");
    expect(formatRelative("2026-03-10T11:59:50Z", "en", now)).toBe("this minute");
  });

  it("sorts Greek as Greek readers expect, accents aside", () => {
    const names = ["Ωμέγα", "άλφα", "Βήτα", "Αθήνα", "Έψιλον"];
    expect(sortByText(names, (n) => n, "el")).toEqual(["Αθήνα", "άλφα", "Βήτα", "Έψιλον", "Ωμέγα"]);
  });
});

describe("languages", () => {
  it("has every English text in Greek", () => {
    expect(keys(el).sort()).toEqual(keys(en).sort());
  });

  it("starts in the language chosen before, else the browser's", () => {
    expect(initialLanguage("en", ["el-GR"])).toBe("en");
    expect(initialLanguage(null, ["el-GR", "en"])).toBe("el");
    expect(initialLanguage(null, ["de-DE"])).toBe("en");
  });
});

describe("switching language", () => {
  it("loads the other language's shared texts before the console shows it", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: {} }, el: { translation: {} } }, lng: "en", fallbackLng: false });
    await loadLanguage("en", i18n);
    expect(i18n.t("app.signOut")).toBe(en.app.signOut);
    expect(i18n.exists("app.signOut", { lng: "el" })).toBe(false);
    let greekThereWhenShown = false;
    i18n.on("languageChanged", () => (greekThereWhenShown = i18n.exists("app.signOut", { lng: "el" })));
    await switchLanguage("el", i18n);
    expect(greekThereWhenShown).toBe(true);
    expect(i18n.t("app.signOut")).toBe(el.app.signOut);
  });
});
