"""Lead sources: a web form or an ad platform that posts leads to /api/hooks/leads/{source}, with its credentials
(a public form token, and a signing secret shown once), the origins whose pages may post, and what its leads get."""

from __future__ import annotations

import hmac
import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from crm.domain.common import InputModel, Versioned, refuse_null
from crm.domain.customers import CustomerSource, Tag, UserId
from crm.domain.model import Model
from crm.domain.webhooks.signing import verify

TOKEN_PREFIX = "lst_"  # noqa: S105 (a prefix, not a secret)
SECRET_PREFIX = "lss_"  # noqa: S105 (the prefix that marks a secret, not one)
MAX_SOURCES = 50
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")
RequiredField = Literal["name", "email", "phone", "company", "message"]
FieldName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                                             pattern=r"^[A-Za-z_][A-Za-z0-9_-]*$")]


class LeadSourceKind(StrEnum):
    WEB_FORM = "web_form"
    AD_PLATFORM = "ad_platform"
    OTHER = "other"


CUSTOMER_SOURCE = {LeadSourceKind.WEB_FORM: CustomerSource.WEBSITE,
                   LeadSourceKind.AD_PLATFORM: CustomerSource.ADVERTISING,
                   LeadSourceKind.OTHER: CustomerSource.OTHER}


class LeadSourceFields(InputModel):
    """What an admin writes; every field optional, as in a partial update."""

    server_owned_fields = frozenset({"id", "token", "secret", "created_at", "created_by", "updated_at",
                                     "leads_received", "duplicates_matched", "spam_blocked", "last_lead_at"})

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None = None
    kind: LeadSourceKind | None = None
    enabled: bool | None = None
    allowed_origins: Annotated[list[str], Field(max_length=10, description=(
        "Origins (https://www.example.com) whose pages may post; a browser's post from any other is refused"))] | None \
        = None
    signature_required: bool | None = Field(None, description=(
        "Accept only posts signed with the secret (X-CRM-Signature), never the form token: for servers"))
    owner_id: Annotated[UserId, Field(description="Who the leads belong to; the creator by default")] | None = None
    tags: Annotated[list[Tag], Field(max_length=10, description="Tags every lead gets")] | None = None
    required_fields: Annotated[list[RequiredField], Field(max_length=5, description=(
        "Fields a post must fill (an email or a phone is always needed)"))] | None = None
    honeypot_field: FieldName | None = Field(None, description="A field hidden from people: a post that fills it is "
                                                               "taken for spam and dropped")
    min_seconds: Annotated[int, Field(ge=0, le=3600, description=(
        "A form filled faster than this (from _ts, the time the page showed it) is taken for spam"))] | None = None
    thank_you_url: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000,
                                                    pattern=r"^https?://")] | None = None

    _not_null = refuse_null("name", "kind", "enabled", "allowed_origins", "signature_required", "owner_id", "tags",
                            "required_fields", "honeypot_field", "min_seconds")

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str] | None) -> list[str] | None:
        if origins is None:
            return None
        cleaned = list(dict.fromkeys(origin.strip().rstrip("/") for origin in origins))
        wrong = [origin for origin in cleaned if not ORIGIN.match(origin)]
        if wrong:
            raise ValueError(f"not an origin like https://www.example.com: {wrong[0][:100]}")
        return cleaned

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: list[str] | None) -> list[str] | None:
        return None if tags is None else list(dict.fromkeys(tag for tag in tags if tag))


class LeadSourceCreate(LeadSourceFields):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class LeadSourceUpdate(LeadSourceFields):
    """A partial update."""


class LeadSource(Versioned):
    """A lead source as served: its form token (public: it is in the page's HTML) but never its secret."""

    id: str
    name: str
    kind: LeadSourceKind = LeadSourceKind.WEB_FORM
    enabled: bool = True
    allowed_origins: list[str] = []
    signature_required: bool = False
    owner_id: str
    tags: list[str] = []
    required_fields: list[RequiredField] = ["email"]
    honeypot_field: str = "fax"
    min_seconds: int = 3
    thank_you_url: str | None = None
    token: str = Field(description="Sent by web forms as _token (it is in the page: it names the source, the "
                                   "allowed origins and the spam checks guard it)")
    created_at: datetime
    created_by: str
    updated_at: datetime
    secret_rotated_at: datetime | None = None
    leads_received: int = 0
    duplicates_matched: int = 0
    spam_blocked: int = 0
    last_lead_at: datetime | None = None

    @property
    def customer_source(self) -> CustomerSource:
        return CUSTOMER_SOURCE[self.kind]


class StoredLeadSource(LeadSource):
    secret: str

    def public(self) -> LeadSource:
        return LeadSource(**self.model_dump(exclude={"secret", "version"}))


class LeadSourceWithSecret(LeadSource):
    secret: str = Field(description="Signs server posts (X-CRM-Signature); shown only in this response")


class LeadSourcesList(Model):
    results: list[LeadSource]
    total: int


class FormSnippet(Model):
    hook_url: str
    html: str


def accepts(source: LeadSource, secret: str, *, token: str | None, signature: str | None, body: bytes,
            now: int) -> bool:
    """Whether a post proves it comes from ``source``: signed with its secret (see crm.domain.webhooks.signing),
    or, unless the source requires signatures, carrying its form token."""
    if signature is not None:
        return verify(signature, secret, body, now)
    return not source.signature_required and token is not None and hmac.compare_digest(token, source.token)


def origin_allowed(source: LeadSource, origin: str | None) -> bool:
    """A browser's post names its page's origin; it must be one the source lists (a post without Origin comes
    from a server, which the signature or token alone admits)."""
    return origin is None or origin.rstrip("/") in source.allowed_origins
