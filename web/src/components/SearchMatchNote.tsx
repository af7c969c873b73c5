import { useTranslation } from "react-i18next";
import type { SearchMatch } from "@/api/types";
import "./components.css";

/** How a search result matched, when it is worth saying: "similar spelling" for an approximate match (in words, for
 * the eye and for screen readers alike), and the fields it was found in when the name is not among them. */
export function SearchMatchNote({ match }: { match: SearchMatch | null | undefined }) {
  const { t } = useTranslation();
  if (!match) return null;
  const approximate = match.kind === "approximate";
  const elsewhere = match.fields.includes("name") ? [] : [...new Set(match.fields)];
  if (!approximate && elsewhere.length === 0) return null;
  return (
    <span className="match-line">
      {approximate && (
        <span className="badge match-approximate" title={t("ui.match.approximateHint")}>
          ≈ {t("ui.match.approximate")}
        </span>
      )}
      {elsewhere.length > 0 && (
        <span className="match-fields muted">
          {t("ui.match.foundIn", { fields: elsewhere.map((field) => t(`ui.match.fields.${field}`)).join(", ") })}
        </span>
      )}
    </span>
  );
}
