import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/api/errors";

/** Server state lives here. Lists stay fresh for a while: live updates invalidate them when records change. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
