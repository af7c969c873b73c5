/** i18next with the English and Greek texts bundled; the language is remembered in localStorage. */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { el } from "./el";
import { en } from "./en";

export const LANGUAGES = [
  { code: "el", label: "Ελληνικά" },
  { code: "en", label: "English" },
] as const;
export type Language = (typeof LANGUAGES)[number]["code"];
const STORAGE_KEY = "crm.language";

export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === "el" || stored === "en") return stored;
  const preferred = browser.find((tag) => /^(el|en)\b/i.test(tag));
  return preferred?.toLowerCase().startsWith("el") ? "el" : "en";
}

/** Each feature's texts live in its own folder, under its id: `t("<feature id>.<key>")`. */
export type FeatureTextsById = Record<string, { en: Record<string, unknown>; el: Record<string, unknown> }>;

export function resources(features: FeatureTextsById = {}) {
  const entries = Object.entries(features);
  return {
    en: { translation: { ...en, ...Object.fromEntries(entries.map(([id, texts]) => [id, texts.en])) } },
    el: { translation: { ...el, ...Object.fromEntries(entries.map(([id, texts]) => [id, texts.el])) } },
  };
}

export async function initI18n(features: FeatureTextsById = {}): Promise<void> {
  const lng = initialLanguage(readStored(), navigator.languages ?? [navigator.language]);
  await i18next.use(initReactI18next).init({
    resources: resources(features),
    lng,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = language;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // private mode: the choice lasts for this visit only
    }
  });
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
