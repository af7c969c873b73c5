import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { listen, type Signal } from "./signals";

/** How far the server's clock may be ahead of the browser's when comparing a change with a fetch. */
const CLOCK_SKEW_MS = 2_000;
/** When the rules refuse a listener, the pages still follow changes, by refetching this often. */
export const POLL_MS = 20_000;

/** The oldest time any query under ``keys`` got its data (0 when none has data yet). */
function oldestFetch(queryClient: QueryClient, keys: QueryKey[]): number {
  const times = keys.flatMap((queryKey) =>
    queryClient.getQueryCache().findAll({ queryKey }).map((query) => query.state.dataUpdatedAt));
  return times.length ? Math.min(...times) : 0;
}

/** While the component is mounted, refetch the queries under ``keys`` whenever ``signal`` fires: every snapshot
 * after the first, and the first too when it shows a change newer than the data on screen (the change raced the
 * listener's start). A refused listener falls back to polling. */
export function useLiveSignal(signal: Signal | null, keys: QueryKey[]): void {
  const queryClient = useQueryClient();
  const latestKeys = useRef(keys);
  latestKeys.current = keys;
  const identity = signal ? JSON.stringify(signal) : null;
  useEffect(() => {
    if (!identity) return;
    let poll: number | undefined;
    const refetch = () => {
      for (const queryKey of latestKeys.current) void queryClient.invalidateQueries({ queryKey });
    };
    const stop = listen(JSON.parse(identity) as Signal, {
      onSnapshot: (changedAt, first) => {
        if (!first) return refetch();
        const fetched = oldestFetch(queryClient, latestKeys.current);
        if (changedAt && fetched && changedAt > fetched - CLOCK_SKEW_MS) refetch();
      },
      onRefused: () => {
        // A customer deleted meanwhile is no longer readable: refetching shows that at once.
        refetch();
        poll ??= window.setInterval(refetch, POLL_MS);
      },
    });
    return () => {
      stop();
      window.clearInterval(poll);
    };
  }, [identity, queryClient]);
}
