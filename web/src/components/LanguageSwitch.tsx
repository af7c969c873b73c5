import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGES, switchLanguage } from "@/i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("app.language")}</span>
      <select value={i18n.resolvedLanguage} onChange={(e) => isLanguage(e.target.value) && void switchLanguage(e.target.value)}
        aria-label={t("app.language")}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>{language.label}</option>
        ))}
      </select>
    </label>
  );
}
