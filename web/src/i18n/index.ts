/** i18next with only what the first screen needs: the active language's shared texts (en.ts or el.ts, a chunk each)
 * and the texts bundled with the app (the shared components' and the menu's). Switching language loads the other
 * language's shared texts first; each feature's own texts load with its pages (featureTexts.ts). The language is
 * remembered in localStorage. */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

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

/** Texts under an id, in every language: `t("<id>.<key>")`. */
export interface Texts {
  en: Record<string, unknown>;
  el: Record<string, unknown>;
}
export type TextsById = Record<string, Texts>;

/** ``texts`` as i18next resources: one translation tree per language, each id's texts under the id. */
export function resources(texts: TextsById = {}) {
  const entries = Object.entries(texts);
  const tree = (language: Language) => Object.fromEntries(entries.map(([id, pair]) => [id, pair[language]]));
  return { en: { translation: tree("en") }, el: { translation: tree("el") } };
}

/** Adds ``texts`` to what ``i18n`` holds, in both languages, merged key by key into what is there. */
export function addTexts(i18n: I18n, texts: TextsById): void {
  for (const [language, bundle] of Object.entries(resources(texts))) {
    i18n.addResourceBundle(language, "translation", bundle.translation, true, true);
  }
}

const SHARED_TEXTS: Record<Language, () => Promise<Record<string, unknown>>> = {
  en: () => import("./en").then((module) => module.en),
  el: () => import("./el").then((module) => module.el),
};
const sharedLoads = new WeakMap<I18n, Map<Language, Promise<void>>>();

/** Loads a language's shared texts into ``i18n`` once (a failed load is tried again on the next call). */
export function loadLanguage(language: Language, i18n: I18n = i18next,
  load: (language: Language) => Promise<Record<string, unknown>> = (code) => SHARED_TEXTS[code]()): Promise<void> {
  let loads = sharedLoads.get(i18n);
  if (!loads) sharedLoads.set(i18n, (loads = new Map()));
  let loading = loads.get(language);
  if (!loading) {
    loading = load(language).then(
      (texts) => void i18n.addResourceBundle(language, "translation", texts, true, true),
      (error: unknown) => {
        loads.delete(language);
        throw error;
      },
    );
    loads.set(language, loading);
  }
  return loading;
}

/** Shows the console in ``language`` once its shared texts are there (no key shows raw meanwhile). */
export async function switchLanguage(language: Language, i18n: I18n = i18next): Promise<void> {
  await loadLanguage(language, i18n);
  await i18n.changeLanguage(language);
}

export function isLanguage(code: string): code is Language {
  return LANGUAGES.some((language) => language.code === code);
}

/** Starts i18next in the visitor's language with ``bundled`` (the texts shipped with the app) and that language's
 * shared texts. */
export async function initI18n(bundled: TextsById = {}): Promise<void> {
  const lng = initialLanguage(readStored(), navigator.languages ?? [navigator.language]);
  const shared = loadLanguage(lng);
  await i18next.use(initReactI18next).init({
    resources: resources(bundled),
    lng,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await shared;
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
