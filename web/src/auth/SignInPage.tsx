import { FirebaseError } from "firebase/app";
import {
  browserPopupRedirectResolver, GoogleAuthProvider, signInWithEmailAndPassword, signInWithPopup,
} from "firebase/auth";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useSearchParams } from "react-router";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { firebaseAuth } from "@/config/firebase";
import { googleSignIn } from "@/config/runtime";
import { useUser } from "./session";

function signInMessage(error: unknown): string {
  const code = error instanceof FirebaseError ? error.code : "";
  if (code === "auth/too-many-requests") return "signIn.tooMany";
  if (code === "auth/network-request-failed") return "signIn.networkFailed";
  return "signIn.failed";
}

/** Where to go after signing in: only a path of this console, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/customers";
}

export default function SignInPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={safeNext(params.get("next"))} replace />;

  async function attempt(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (cause) {
      setError(signInMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void attempt(() => signInWithEmailAndPassword(firebaseAuth(), email.trim(), password));
  }

  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <div className="signin-top">
          <h1>{t("signIn.title")}</h1>
          <LanguageSwitch />
        </div>
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="signin-email">{t("signIn.email")}</label>
            <input id="signin-email" type="email" autoComplete="username" required value={email}
              onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error} />
          </div>
          <div className="field">
            <label htmlFor="signin-password">{t("signIn.password")}</label>
            <input id="signin-password" type="password" autoComplete="current-password" required value={password}
              onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} />
          </div>
          {error && <p className="error-text" role="alert">{t(error)}</p>}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </form>
        {googleSignIn && (
          <button type="button" disabled={busy}
            onClick={() => void attempt(() => signInWithPopup(firebaseAuth(), new GoogleAuthProvider(), browserPopupRedirectResolver))}>
            {t("signIn.google")}
          </button>
        )}
      </div>
    </main>
  );
}
