"""Users' roles as Firebase Auth custom claims, set through firebase-admin (the one call that leaves for Auth)."""

from __future__ import annotations

from typing import Any

from firebase_admin import auth, exceptions

from crm.errors import NotFoundError, UnavailableError
from crm.identity.caller import Role
from crm.identity.firebase_app import admin_app
from crm.settings import Settings


class FirebaseUserRoles:
    """Sets a user's ``role`` claim, keeping the other custom claims they have.

    The new role reaches the user's requests when their ID token is next refreshed (within the hour).
    """

    def __init__(self, settings: Settings):
        self._settings = settings

    def set_role(self, uid: str, role: Role) -> dict[str, Any]:
        """Returns the user's custom claims after the change.

        Raises:
            NotFoundError: no Firebase user has this uid.
            UnavailableError: Firebase Auth did not answer.
        """
        app = admin_app(self._settings)
        try:
            claims = dict(auth.get_user(uid, app=app).custom_claims or {})
            claims["role"] = role.value
            auth.set_custom_user_claims(uid, claims, app=app)
        except auth.UserNotFoundError:
            raise NotFoundError(f"no user with uid {uid}") from None
        except (exceptions.UnavailableError, exceptions.DeadlineExceededError) as exc:
            raise UnavailableError("Firebase Auth is unavailable; retry shortly") from exc
        return claims
