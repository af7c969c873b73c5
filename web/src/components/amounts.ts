/** A decimal as people type it ("1.234,50" in Greek, "1,234.50" in English, "19,90") as the API takes it
 * ("1234.50"): the last of "," and "." is the decimal point, the other one groups thousands. */
export function normalizeAmount(typed: string): string {
  const text = typed.replace(/[\s\u00a0']/g, "");
  const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
  const thousands = decimal === "," ? "." : ",";
  return text.split(thousands).join("").replace(decimal, ".");
}
