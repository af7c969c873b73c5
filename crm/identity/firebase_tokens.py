"""Firebase ID token verification through firebase-admin: the token's signature is checked against Google's
public keys (fetched over HTTPS and cached as long as Google's Cache-Control allows), with no credentials."""

from __future__ import annotations

import time
from typing import Any

from firebase_admin import auth

from crm.errors import UnavailableError
from crm.identity.credentials import InvalidTokenError
from crm.identity.firebase_app import token_app
from crm.settings import Settings

CLOCK_SKEW_SECONDS = 300
KEYS_UNAVAILABLE = "could not fetch Google's token signing keys to check the ID token; retry shortly"


class FirebaseTokenVerifier:
    """Verifies ID tokens; unsigned emulator tokens pass only when the settings allow them (local mode)."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, ``uid`` included.

        Raises:
            InvalidTokenError: a token that is malformed, expired, revoked or not for this project.
            UnavailableError: Google's public keys could not be fetched; the caller may retry shortly.
        """
        try:
            claims = auth.verify_id_token(token, app=token_app(self._settings))
        except (ValueError, auth.InvalidIdTokenError, auth.ExpiredIdTokenError, auth.RevokedIdTokenError) as exc:
            raise InvalidTokenError(str(exc)) from None
        except auth.CertificateFetchError as exc:
            raise UnavailableError(KEYS_UNAVAILABLE) from exc
        if self._settings.accepts_emulator_tokens:
            _check_times(claims)
        return claims


def _check_times(claims: dict[str, Any]) -> None:
    """For emulator tokens firebase-admin trusts the claims as they are; still refuse expired or future ones."""
    now = time.time()
    expires, issued = claims.get("exp"), claims.get("iat")
    if not isinstance(expires, int | float) or expires <= now:
        raise InvalidTokenError("the token has expired")
    if not isinstance(issued, int | float) or issued > now + CLOCK_SKEW_SECONDS:
        raise InvalidTokenError("the token was issued in the future")
