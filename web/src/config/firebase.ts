/** The one initialised Firebase app and its Auth; Firestore is loaded lazily by live/ for change signals. */
import { initializeApp, type FirebaseApp } from "firebase/app";
import {
  browserLocalPersistence, connectAuthEmulator, indexedDBLocalPersistence, initializeAuth, type Auth,
} from "firebase/auth";
import type { RuntimeConfig } from "./runtime";

let app: FirebaseApp | undefined;
let auth: Auth | undefined;
let config: RuntimeConfig | undefined;

export function initFirebase(runtime: RuntimeConfig): void {
  config = runtime;
  app = initializeApp({
    apiKey: runtime.apiKey,
    authDomain: runtime.authDomain,
    projectId: runtime.projectId,
    appId: runtime.appId,
  });
  // initializeAuth (not getAuth) leaves the popup/redirect code out of the first download: the Google sign-in
  // button passes its resolver itself.
  auth = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence] });
  if (runtime.emulators?.auth) connectAuthEmulator(auth, runtime.emulators.auth, { disableWarnings: true });
}

export function firebaseApp(): FirebaseApp {
  if (!app) throw new Error("Firebase is not initialised");
  return app;
}

export function firebaseAuth(): Auth {
  if (!auth) throw new Error("Firebase is not initialised");
  return auth;
}

export function runtimeConfig(): RuntimeConfig {
  if (!config) throw new Error("Firebase is not initialised");
  return config;
}
