/** Text for matching what someone typed: case and accents ignored (`Μαρία` as `μαρια`, final sigma as sigma). */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/ς/g, "σ");
}

/** Whether every word of ``query`` starts a word of, or appears in, one of ``texts`` (case and accents ignored). */
export function matchesQuery(query: string, texts: readonly (string | null | undefined)[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.filter(Boolean).map((text) => fold(text!));
  return words.every((word) => haystack.some((text) => text.includes(word)));
}
