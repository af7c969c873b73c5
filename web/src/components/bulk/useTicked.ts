import { useState } from "react";
import { allShownTicked, withAllShown, withoutChanged, withTick } from "./selection";

/** The rows of a list ticked for one change to all of them. ``used`` turns true with the first tick and stays so:
 * the bulk form, once shown, keeps its list of refusals after the selection it was about is gone. */
export function useTicked<Row extends { id: string }>(rows: readonly Row[]) {
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const [used, setUsed] = useState(false);
  const selected = rows.filter((row) => ticked.has(row.id));
  if (selected.length > 0 && !used) setUsed(true);
  const shown = rows.map((row) => row.id);
  return {
    selected,
    used,
    isTicked: (id: string) => ticked.has(id),
    tick: (id: string, on: boolean) => setTicked((now) => withTick(now, id, on)),
    allTicked: allShownTicked(ticked, shown),
    tickAll: (on: boolean) => setTicked((now) => withAllShown(now, shown, on)),
    clear: () => setTicked(new Set()),
    /** Untick what a change changed; what it refused stays ticked. */
    done: (changed: string[]) => setTicked((now) => withoutChanged(now, changed)),
  };
}

export type Ticked = ReturnType<typeof useTicked>;
