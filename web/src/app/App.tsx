import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";
import { SessionProvider } from "@/auth/session";
import { ToastProvider } from "@/components/Toasts";
import { queryClient } from "./queryClient";
import { router } from "./router";

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
