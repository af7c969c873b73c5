/** Which rows of a list are ticked: pure helpers for the selection hook. */

/** ``ticked`` with ``id`` ticked or not. */
export function withTick(ticked: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(ticked);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** Every row shown ticked (what was ticked besides stays), or none of them. */
export function withAllShown(ticked: ReadonlySet<string>, shown: readonly string[], on: boolean): Set<string> {
  const next = new Set(ticked);
  for (const id of shown) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** Whether every row shown is ticked (and there is one). */
export function allShownTicked(ticked: ReadonlySet<string>, shown: readonly string[]): boolean {
  return shown.length > 0 && shown.every((id) => ticked.has(id));
}

/** What stays ticked once a change is done: the rows it refused, so they can be tried again. */
export function withoutChanged(ticked: ReadonlySet<string>, changed: readonly string[]): Set<string> {
  const done = new Set(changed);
  return new Set([...ticked].filter((id) => !done.has(id)));
}
