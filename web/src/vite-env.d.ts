/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** "true" shows "Sign in with Google" (enable the provider in the Firebase console first). */
  readonly VITE_GOOGLE_SIGN_IN?: string;
}
