/** Dates, numbers, money and sorting through Intl, in the UI's language. */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function locale(language: string): string {
  return language === "el" ? "el-GR" : "en-GB";
}

/** ``amount`` is the API's decimal string ("1234.50"); formatted without going through a float's rounding. */
export function formatMoney(amount: string | number | null | undefined, currency: string, language: string): string {
  if (amount === null || amount === undefined || amount === "") return "";
  const format = cached(`money:${language}:${currency}`, () =>
    new Intl.NumberFormat(locale(language), { style: "currency", currency }),
  );
  return format.format(amount as unknown as number);
}

export function formatNumber(value: number, language: string): string {
  return cached(`number:${language}`, () => new Intl.NumberFormat(locale(language))).format(value);
}

export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const format = cached(`date:${language}`, () =>
    new Intl.DateTimeFormat(locale(language), { day: "numeric", month: "short", year: "numeric" }),
  );
  return format.format(new Date(iso));
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const format = cached(`datetime:${language}`, () =>
    new Intl.DateTimeFormat(locale(language), { dateStyle: "medium", timeStyle: "short" }),
  );
  return format.format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 days ago", "in 2 hours", "now"; relative to ``now``. */
export function formatRelative(iso: string | null | undefined, language: string, now: Date = new Date()): string {
  if (!iso) return "";
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const format = cached(`relative:${language}`, () =>
    new Intl.RelativeTimeFormat(locale(language), { numeric: "auto" }),
  );
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "minute");
}

/** A comparator that sorts as people of ``language`` expect (Greek accents and final sigma included). */
export function collator(language: string): Intl.Collator {
  return cached(`collator:${language}`, () => new Intl.Collator(locale(language), { sensitivity: "base", numeric: true }));
}

export function sortByText<T>(items: readonly T[], text: (item: T) => string, language: string): T[] {
  const compare = collator(language).compare;
  return [...items].sort((a, b) => compare(text(a), text(b)));
}
