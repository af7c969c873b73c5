/** Lists typed one per line (or separated by commas) in a text box, and back. */

export function parseList(text: string): string[] {
  const items = text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
  return [...new Set(items)];
}

export function formatList(items: readonly string[] | null | undefined): string {
  return (items ?? []).join("\n");
}

/** The events an endpoint subscribes to, as the API takes them: "*" alone when every event is chosen. */
export function chosenEvents(all: boolean, chosen: readonly string[]): string[] {
  return all ? ["*"] : [...new Set(chosen)].sort();
}
