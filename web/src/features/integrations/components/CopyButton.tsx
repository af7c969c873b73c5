import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies ``text`` to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
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
    <button type="button" onClick={() => void copy()} aria-live="polite">
      {copied ? t("integrations.copied") : (label ?? t("integrations.copy"))}
    </button>
  );
}
