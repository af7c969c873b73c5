/** Decimal strings of the API ("1234.50") as integer cents and back, so sums never go through a float. */

export function centsOf(amount: string | number): number {
  const text = String(amount).trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const cents = Number(whole || "0") * 100 + Number((fraction + "00").slice(0, 2));
  return negative ? -cents : cents;
}

export function amountOf(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** value x probability / 100, rounded half up to the cent, as the API computes expected revenue. */
export function weightedCents(valueCents: number, probability: number): number {
  return Math.sign(valueCents) * Math.floor((Math.abs(valueCents) * probability + 50) / 100);
}

/** quantity x unit price, rounded half up to the cent; quantity may have up to three decimals. */
export function lineTotalCents(quantity: string, unitPrice: string): number | null {
  if (!/^\d+(\.\d{1,3})?$/.test(quantity.trim()) || !/^-?\d+(\.\d{1,2})?$/.test(unitPrice.trim())) return null;
  const [whole, fraction = ""] = quantity.trim().split(".");
  const milli = Number(whole) * 1000 + Number((fraction + "000").slice(0, 3));
  const price = centsOf(unitPrice);
  return Math.sign(price) * Math.floor((Math.abs(price) * milli + 500) / 1000);
}
