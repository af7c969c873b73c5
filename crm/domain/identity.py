"""Who is calling: a signed-in user (Firebase ID token) or an integration (API key)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, StringConstraints


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    REP = "rep"
    VIEWER = "viewer"


class Caller(BaseModel):
    """The one making the request; ``role`` is None for a signed-in user who has not been given one yet."""

    uid: str
    role: Role | None
    email: str | None = None
    via: str


class ApiKey(BaseModel):
    """An API key as stored: its secret only as a hash, which is also the document id."""

    key_hash: str
    prefix: str
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None


ApiKeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class InvalidTokenError(Exception):
    """An ID token that is malformed, expired, revoked or not for this project."""
