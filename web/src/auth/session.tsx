/** Who is signed in (Firebase Auth) and what the API says they may do (GET /api/crm/me). */
import { onIdTokenChanged, signOut, type User } from "firebase/auth";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { api, unwrap } from "@/api/client";
import type { Me } from "@/api/types";
import type { AccessKind } from "@/app/feature";
import { firebaseAuth } from "@/config/firebase";

interface Session {
  /** undefined while Firebase Auth restores the session, null when nobody is signed in. */
  user: User | null | undefined;
}

const SessionContext = createContext<Session>({ user: undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onIdTokenChanged(firebaseAuth(), (next) => {
        setUser((previous) => {
          // A different user (or none): nothing cached for the previous one may show.
          if (previous?.uid !== next?.uid) queryClient.clear();
          return next;
        });
      }),
    [queryClient],
  );
  return <SessionContext.Provider value={{ user }}>{children}</SessionContext.Provider>;
}

export function useUser(): User | null | undefined {
  return useContext(SessionContext).user;
}

export const meKey = (uid: string) => ["me", uid] as const;

export function useMe() {
  const user = useUser();
  return useQuery({
    queryKey: meKey(user?.uid ?? ""),
    queryFn: () => unwrap(api.GET("/api/crm/me")),
    enabled: !!user,
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user's access; only rendered below RequireAccess, where ``me`` is loaded and has a role. */
export function useAccess(): Me & { can: (kind: AccessKind) => boolean } {
  const { data } = useMe();
  if (!data) throw new Error("useAccess used outside a signed-in page");
  return { ...data, can: (kind) => !!data.access[kind] };
}

export async function signOutEverywhere(): Promise<void> {
  await signOut(firebaseAuth());
}
