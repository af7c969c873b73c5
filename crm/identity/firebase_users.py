"""Firebase Auth's users through firebase-admin: their roles as custom claims, and the accounts behind the users'
directory."""

from __future__ import annotations

from typing import Any

from firebase_admin import auth, exceptions

from crm.errors import NotFoundError, UnavailableError
from crm.identity.caller import Role, role_from_claim
from crm.identity.firebase_app import admin_app
from crm.identity.users import MAX_DIRECTORY_USERS, DirectoryUser
from crm.settings import Settings

AUTH_UNAVAILABLE = "Firebase Auth is unavailable; retry shortly"


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
            raise UnavailableError(AUTH_UNAVAILABLE) from exc
        return claims


class FirebaseUserDirectory:
    """Every Firebase Auth account (the Auth emulator's in local mode), a thousand per call to Auth."""

    def __init__(self, settings: Settings):
        self._settings = settings

    def all_users(self) -> list[DirectoryUser]:
        """At most MAX_DIRECTORY_USERS accounts, in Auth's order.

        Raises:
            UnavailableError: Firebase Auth did not answer.
        """
        users: list[DirectoryUser] = []
        try:
            for record in auth.list_users(app=admin_app(self._settings)).iterate_all():
                users.append(_directory_user(record))
                if len(users) >= MAX_DIRECTORY_USERS:
                    break
        except (exceptions.UnavailableError, exceptions.DeadlineExceededError) as exc:
            raise UnavailableError(AUTH_UNAVAILABLE) from exc
        return users


def _directory_user(record: auth.ExportedUserRecord) -> DirectoryUser:
    return DirectoryUser(uid=record.uid, display_name=record.display_name or None, email=record.email or None,
                         role=role_from_claim((record.custom_claims or {}).get("role")), disabled=record.disabled)
