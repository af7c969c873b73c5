/** Money held in several currencies, as the API gives it ({base, total, by_currency}): each currency's own amount,
 * never added to another's, then (≈) their total converted into the base currency, unless all is in the base. */
import { useTranslation } from "react-i18next";
import type { components } from "@/api/schema";
import { formatMoney } from "@/i18n/format";
import "./moneyTotals.css";

type Totals = components["schemas"]["MoneyTotals"];

export function MoneyTotals({ totals, className }: { totals: Totals; className?: string }) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const currencies = Object.entries(totals.by_currency);
  if (currencies.length === 0) return <span className={className}>{formatMoney("0", totals.base, language)}</span>;
  const only = currencies.length === 1 && currencies[0][0] === totals.base;
  return (
    <span className={`money-totals ${className ?? ""}`}>
      {currencies.map(([currency, amount]) => (
        <span key={currency} className="money">{formatMoney(amount, currency, language)}</span>
      ))}
      {!only && <span className="money base">≈ {formatMoney(totals.total, totals.base, language)}</span>}
    </span>
  );
}
