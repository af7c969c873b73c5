/** How the page's change signals are doing, for the indicator in the top bar: each open listener reports its state,
 * and the page is "live" once every one of them has heard from the server. */
import { useSyncExternalStore } from "react";

export type ListenerState = "connecting" | "live" | "polling";
export type LiveStatus = ListenerState | "idle";

const states = new Map<number, ListenerState>();
const subscribers = new Set<() => void>();
let nextId = 0;
let current: LiveStatus = "idle";

/** The page's status: polling if any listener was refused, connecting while any waits for the server, else live. */
export function combine(values: Iterable<ListenerState>): LiveStatus {
  const all = [...values];
  if (!all.length) return "idle";
  if (all.includes("polling")) return "polling";
  return all.includes("connecting") ? "connecting" : "live";
}

function publish(): void {
  const next = combine(states.values());
  if (next === current) return;
  current = next;
  for (const notify of subscribers) notify();
}

/** Register a listener; returns the function that reports its state (``null``: it has stopped). */
export function track(): (state: ListenerState | null) => void {
  const id = nextId++;
  states.set(id, "connecting");
  publish();
  return (state) => {
    if (state === null) states.delete(id);
    else states.set(id, state);
    publish();
  };
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

export function liveStatus(): LiveStatus {
  return current;
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, liveStatus);
}
