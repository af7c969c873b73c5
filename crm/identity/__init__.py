"""Identity in one place: who the caller is (the caller model, roles), how a credential becomes a caller (ID tokens,
API keys), and how users get their roles. The Firebase adapters live in ``firebase_*`` modules, imported by name
where they are wired in, so that this package's face stays free of firebase-admin."""

from crm.identity.api_keys import (
    API_KEY_PREFIX,
    ApiKey,
    ApiKeyName,
    ApiKeyStore,
    create_api_key,
    hash_api_key,
    list_api_keys,
    revoke_api_key,
)
from crm.identity.authenticator import Authenticator, TokenVerifier
from crm.identity.caller import Caller, Role
from crm.identity.credentials import (
    ApiKeySecret,
    BearerToken,
    Credential,
    InvalidTokenError,
)
from crm.identity.user_roles import UserRoles, set_user_role
from crm.identity.users import (
    DirectoryUser,
    UserAccounts,
    UserDirectory,
    UserListParams,
    UsersPage,
    list_users,
)

__all__ = [
    "API_KEY_PREFIX",
    "ApiKey",
    "ApiKeyName",
    "ApiKeySecret",
    "ApiKeyStore",
    "Authenticator",
    "BearerToken",
    "Caller",
    "Credential",
    "DirectoryUser",
    "InvalidTokenError",
    "Role",
    "TokenVerifier",
    "UserAccounts",
    "UserDirectory",
    "UserListParams",
    "UserRoles",
    "UsersPage",
    "create_api_key",
    "hash_api_key",
    "list_api_keys",
    "list_users",
    "revoke_api_key",
    "set_user_role",
]
