/** The Firebase web config, read at start-up from /__/firebase/init.json: Firebase Hosting serves it for the
 * project it deploys to, and the local dev server serves it with the emulators' addresses. One build runs anywhere. */

export interface RuntimeConfig {
  apiKey: string;
  authDomain?: string;
  projectId: string;
  appId?: string;
  /** Present only on the local stack. */
  emulators?: { auth: string; firestore?: { host: string; port: number } };
}

export const googleSignIn = import.meta.env.VITE_GOOGLE_SIGN_IN === "true";

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/__/firebase/init.json", { credentials: "same-origin" });
  if (!response.ok) throw new Error(`the Firebase configuration could not be loaded (HTTP ${response.status})`);
  return (await response.json()) as RuntimeConfig;
}
