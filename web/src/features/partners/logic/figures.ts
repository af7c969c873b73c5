/** How the partner screens show the programme's figures. */
import { locale } from "@/i18n/format";

/** The address a partner shares: the console's origin serves /r/{code} (Firebase Hosting rewrites it). */
export function trackedUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/r/${encodeURIComponent(code)}`;
}

/** A conversion rate as the API gives it (a fraction, "0.1250"), as a percentage with one decimal. */
export function ratePercent(rate: string | null | undefined, language: string): string | null {
  if (rate === null || rate === undefined || rate === "") return null;
  const value = Number(rate);
  if (!Number.isFinite(value)) return null;
  return new Intl.NumberFormat(locale(language), {
    style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1,
  }).format(value);
}

/** Money per currency ({"EUR": "12.50"}), sorted by currency, without zero amounts. */
export function amountsByCurrency(amounts: Record<string, string> | undefined): [string, string][] {
  return Object.entries(amounts ?? {})
    .filter(([, amount]) => Number(amount) !== 0)
    .sort(([a], [b]) => a.localeCompare(b));
}

/** A link's campaign and UTM fields in one line ("spring · utm_source=blog"), empty when it has none. */
export function utmSummary(link: Record<string, unknown>): string {
  const campaign = typeof link.campaign === "string" ? [link.campaign] : [];
  const utm = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"]
    .filter((name) => typeof link[name] === "string" && link[name] !== "")
    .map((name) => `${name}=${String(link[name])}`);
  return [...campaign, ...utm].join(" · ");
}
