import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies ``text`` to the clipboard and says so; ``label`` names what is copied for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button type="button" onClick={() => void copy()} aria-label={label}>
      <span aria-live="polite">{copied ? t("partners.copied") : t("partners.copy")}</span>
    </button>
  );
}
