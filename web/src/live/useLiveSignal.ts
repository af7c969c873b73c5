import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { listen, type Signal } from "./signals";

/** While the component is mounted, refetch the queries under ``keys`` whenever ``signal`` fires. */
export function useLiveSignal(signal: Signal | null, keys: QueryKey[], onRefused?: () => void): void {
  const queryClient = useQueryClient();
  const latest = useRef({ keys, onRefused });
  latest.current = { keys, onRefused };
  const identity = signal ? JSON.stringify(signal) : null;
  useEffect(() => {
    if (!identity) return;
    return listen(JSON.parse(identity) as Signal, {
      onChange: () => {
        for (const queryKey of latest.current.keys) void queryClient.invalidateQueries({ queryKey });
      },
      onRefused: () => latest.current.onRefused?.(),
    });
  }, [identity, queryClient]);
}
