"""Who is calling: a signed-in user (Firebase ID token) or an integration (API key), with the role they act in."""

from __future__ import annotations

from enum import StrEnum

from crm.domain.model import Model


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    REP = "rep"
    VIEWER = "viewer"


class Caller(Model):
    """The one making the request; ``role`` is None for a signed-in user who has not been given one yet."""

    uid: str
    role: Role | None
    email: str | None = None
    via: str


def role_from_claim(claim: object) -> Role | None:
    """The role a token's ``role`` claim names; None for a missing, unknown or malformed claim."""
    return Role(claim) if isinstance(claim, str) and claim in Role._value2member_map_ else None
