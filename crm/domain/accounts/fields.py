"""The account side of a customer: its kind, an organization's company fields and its parent account.

Every customer stored before these fields existed reads as a ``person`` with none of them, so the older shape stays
valid as it is. The company fields may be kept on a person too (switching kind loses nothing); the console shows
them for organizations.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from crm.domain.common import DocumentId, Label, refuse_null
from crm.domain.model import Model
from crm.domain.money import Amount, Currency

WEBSITE_LENGTH = 300
_TAX_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,29}$")


class CustomerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"


class SizeBand(StrEnum):
    """Employees, in the bands company registers use."""

    MICRO = "1-10"
    SMALL = "11-50"
    MEDIUM = "51-200"
    LARGE = "201-500"
    LARGER = "501-1000"
    ENTERPRISE = "1001-5000"
    HUGE = "5001+"


def _website(value: str) -> str:
    """A web address, with https:// added when no scheme is written; only http and https."""
    text = value.strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or "." not in host or " " in text:
        raise ValueError("not a web address: give one like https://example.com")
    return text


def _tax_id(value: str) -> str:
    """A VAT or tax number: upper case, without spaces or dots ("el 094.019.245" -> "EL094019245")."""
    compact = re.sub(r"[\s.]", "", value).upper()
    if not _TAX_ID.match(compact):
        raise ValueError("a tax id is 2-30 letters, digits and dashes")
    return compact


Website = Annotated[str, StringConstraints(max_length=WEBSITE_LENGTH), AfterValidator(_website)]
TaxId = Annotated[str, StringConstraints(max_length=40), AfterValidator(_tax_id)]
AddressLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Address(Model):
    model_config = ConfigDict(extra="forbid")

    line1: AddressLine | None = None
    line2: AddressLine | None = None
    city: Label | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = None
    region: Label | None = None
    country: Label | None = None


class Money(Model):
    model_config = ConfigDict(extra="forbid")

    amount: Amount
    currency: Currency


class AccountInput(Model):
    """The account fields a caller may write on a customer; every one optional, as in a partial update."""

    kind: Annotated[CustomerKind, Field(description="person (the default) or organization")] | None = None
    website: Website | None = None
    industry: Label | None = None
    size_band: SizeBand | None = None
    annual_revenue: Annotated[Money, Field(description="Replaced as a whole")] | None = None
    billing_address: Annotated[Address, Field(description="Replaced as a whole")] | None = None
    shipping_address: Annotated[Address, Field(description="Replaced as a whole")] | None = None
    tax_id: Annotated[TaxId, Field(description="VAT or tax number, kept upper case without spaces")] | None = None
    parent_id: Annotated[DocumentId, Field(description="The parent account: an active customer, no cycles")] \
        | None = None

    _kind_kept = refuse_null("kind")


class AccountRecord(Model):
    """The account fields of a stored customer, and what a merge left on it."""

    kind: CustomerKind = CustomerKind.PERSON
    website: str | None = None
    industry: str | None = None
    size_band: SizeBand | None = None
    annual_revenue: Money | None = None
    billing_address: Address | None = None
    shipping_address: Address | None = None
    tax_id: str | None = None
    parent_id: str | None = None
    merged_into: str | None = Field(None, description="The customer this one was merged into (it is then deleted)")
    merged_from: list[str] = Field([], description="Customers merged into this one, latest last")


ACCOUNT_SERVER_OWNED = frozenset({"merged_into", "merged_from"})
ACCOUNT_UNINDEXED = ("annual_revenue", "billing_address", "shipping_address", "website", "merged_from")
