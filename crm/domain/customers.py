"""The customer aggregate: its models (create, update, public, list page) and the rules that change it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

from crm.domain.accounts.fields import ACCOUNT_SERVER_OWNED, AccountInput, AccountRecord
from crm.domain.attribution import Consent, Utm
from crm.domain.common import InputModel, Label, ShortText, Versioned, from_cents, refuse_null
from crm.domain.contacts import ContactValueError, checked_email, checked_phone, normalize_email, normalize_phone
from crm.domain.model import Model
from crm.domain.paging import ListPage
from crm.domain.qualification.fields import LEAD_SERVER_OWNED, LeadInput, LeadRecord
from crm.domain.search.ranking import SearchMatch
from crm.domain.search_tokens import fold
from crm.errors import FailedPreconditionError, ValidationFailedError

MAX_CONTACTS = 20
MAX_NOTES = 100
MAX_TAGS = 20
MAX_OWNED_ITEMS = 25
MAX_LINKED_USERS = 20
MAX_SERIAL_NUMBERS = 10
CONTACT_VALUE_LENGTH = 254
NOTE_LENGTH = 500
TAG_LENGTH = 50
ITEM_TEXT_LENGTH = 500
SERIAL_NUMBER_LENGTH = 40

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=TAG_LENGTH)]
Language = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
UserId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=ITEM_TEXT_LENGTH)]
NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NOTE_LENGTH)]
SerialNumber = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SERIAL_NUMBER_LENGTH)]


class ContactType(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    WHATSAPP = "whatsapp"
    OTHER = "other"


PHONE_TYPES = (ContactType.PHONE, ContactType.WHATSAPP)


class CustomerStatus(StrEnum):
    LEAD = "lead"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    CHURNED = "churned"


class CustomerSource(StrEnum):
    WEBSITE = "website"
    REFERRAL = "referral"
    ADVERTISING = "advertising"
    COLD_OUTREACH = "cold_outreach"
    OTHER = "other"


class Contact(Model):
    model_config = ConfigDict(extra="forbid")

    type: ContactType
    label: Label | None = None
    value: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CONTACT_VALUE_LENGTH)]
    primary: bool = False

    @field_validator("value")
    @classmethod
    def _normalize_value(cls, value: str, info: ValidationInfo) -> str:
        kind = info.data.get("type")
        try:
            if kind is ContactType.EMAIL:
                return normalize_email(value)
            if kind in PHONE_TYPES:
                return normalize_phone(value, (info.context or {}).get("phone_region"))
        except ContactValueError as exc:
            raise ValueError(str(exc)) from None
        return value


class Location(Model):
    model_config = ConfigDict(extra="forbid")

    city: Label | None = None
    country: Label | None = None
    region: Label | None = None


class ConsoleDevice(Model):
    model_config = ConfigDict(extra="forbid")

    type: Literal["console_device"]
    device_id: Label | None = None
    label: Label | None = None
    serial_number: Label | None = None
    notes: LongText | None = None


class Product(Model):
    model_config = ConfigDict(extra="forbid")

    type: Literal["product"]
    product_id: Label | None = None
    product_name: ShortText | None = None
    quantity: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    serial_numbers: Annotated[list[SerialNumber], Field(max_length=MAX_SERIAL_NUMBERS)] = []
    notes: LongText | None = None


class FreeTextItem(Model):
    model_config = ConfigDict(extra="forbid")

    type: Literal["freetext"]
    description: LongText | None = None
    serial_number: Label | None = None
    notes: LongText | None = None


OwnedItem = Annotated[ConsoleDevice | Product | FreeTextItem, Field(discriminator="type")]


class Note(Model):
    text: NoteText
    by: str
    at: datetime


class NoteCreate(InputModel):
    text: NoteText


NOT_NULLABLE = ("name", "contacts", "language", "tags", "owned_items", "linked_user_ids", "status", "owner_id")
SERVER_OWNED = frozenset(
    {"id", "created_at", "updated_at", "deleted_at", "lifetime_value", "search_tokens", "name_sort",
     "lost_reason", "lost_at", "last_activity_at", "lead_source_id"}
) | ACCOUNT_SERVER_OWNED | LEAD_SERVER_OWNED


class CustomerFields(AccountInput, LeadInput, InputModel):
    """Fields a caller may write; every one optional, as in a partial update."""

    server_owned_fields = SERVER_OWNED

    name: Name | None = None
    organization: ShortText | None = Field(None, validation_alias=AliasChoices("organization", "company"))
    contacts: Annotated[list[Contact], Field(max_length=MAX_CONTACTS)] | None = None
    email: Annotated[str, Field(max_length=320, description="Shorthand for the primary email contact")] | None = None
    phone: Annotated[str, Field(max_length=64, description="Shorthand for the primary phone contact")] | None = None
    location: Location | None = None
    language: Language | None = None
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] | None = None
    owned_items: Annotated[list[OwnedItem], Field(max_length=MAX_OWNED_ITEMS)] | None = None
    linked_user_ids: Annotated[list[UserId], Field(max_length=MAX_LINKED_USERS)] | None = None
    nextcloud_folder: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None
    status: CustomerStatus | None = None
    source: CustomerSource | None = None
    owner_id: Annotated[UserId, Field(description="The creator unless given; only managers and admins give a "
                                                  "customer to someone else")] | None = None
    utm: Annotated[Utm, Field(description="Campaign parameters of the page the customer came from")] | None = None
    consent: Consent | None = None

    @field_validator("tags")
    @classmethod
    def _normalize_tags(cls, tags: list[str] | None) -> list[str] | None:
        return None if tags is None else unique_tags(tags)

    @field_validator("linked_user_ids")
    @classmethod
    def _dedupe_users(cls, ids: list[str] | None) -> list[str] | None:
        return None if ids is None else list(dict.fromkeys(ids))

    _check_email = field_validator("email")(checked_email)
    _check_phone = field_validator("phone")(checked_phone)

    _not_null = refuse_null(*NOT_NULLABLE)

    @model_validator(mode="after")
    def _check_contacts(self) -> CustomerFields:
        if self.contacts is not None:
            merge_contact_shorthand(self.contacts, self.email, self.phone)
        return self


class CustomerCreate(CustomerFields):
    name: Name
    notes: Annotated[list[NoteCreate], Field(max_length=MAX_NOTES)] = []


class CustomerUpdate(CustomerFields):
    """A partial update: only the fields present in the request change (PUT and PATCH alike)."""


class Customer(AccountRecord, LeadRecord, Versioned):
    """A customer record as stored and as served."""

    id: str
    name: str
    organization: str | None = None
    contacts: list[Contact] = []
    notes: list[Note] = []
    location: Location | None = None
    language: str
    tags: list[str] = []
    owned_items: list[OwnedItem] = []
    linked_user_ids: list[str] = []
    nextcloud_folder: str | None = None
    status: CustomerStatus = CustomerStatus.LEAD
    source: CustomerSource | None = None
    partner_id: str | None = Field(None, description="The partner of the latest conversion attributed to the customer")
    lifetime_value: Decimal = Decimal("0.00")
    owner_id: str | None = None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    lost_reason: str | None = None
    lost_at: datetime | None = None
    last_activity_at: datetime | None = None
    utm: Utm | None = None
    consent: Consent | None = None
    lead_source_id: str | None = Field(None, description="The lead source (web form, ad platform) it came through")

    @computed_field
    @property
    def email(self) -> str | None:
        return primary_value(self.contacts, (ContactType.EMAIL,))

    @computed_field
    @property
    def phone(self) -> str | None:
        return primary_value(self.contacts, PHONE_TYPES)

    def emails(self) -> list[str]:
        return [c.value for c in self.contacts if c.type is ContactType.EMAIL]

    def name_sort_key(self) -> str:
        return fold(self.name)


class CustomerListItem(Customer):
    """A customer in a list: with ``match`` when the list answers a search."""

    match: SearchMatch | None = Field(None, description="How the customer matched the search; null without search")


class CustomersPage(ListPage[CustomerListItem]):
    """One page of customers."""


def unique_tags(tags: list[str]) -> list[str]:
    """Tags as records keep them: trimmed and lower-cased (by the ``Tag`` type), without empties and repeats."""
    return list(dict.fromkeys(tag for tag in tags if tag))


def primary_value(contacts: list[Contact], types: tuple[ContactType, ...]) -> str | None:
    typed = [c for c in contacts if c.type in types]
    chosen = next((c for c in typed if c.primary), typed[0] if typed else None)
    return chosen.value if chosen else None


def merge_contact_shorthand(contacts: list[Contact], email: str | None, phone: str | None) -> list[Contact]:
    """Fold the top-level ``email``/``phone`` shorthand into ``contacts`` and check the list.

    The shorthand names the primary contact of its kind: a contact that already has the value becomes primary,
    else the current primary takes the new value, else a new primary contact is added.

    Raises:
        ValidationFailedError: two primaries of one type, or the same value twice.
    """
    merged = [c.model_copy() for c in contacts]
    for value, kind in ((email, ContactType.EMAIL), (phone, ContactType.PHONE)):
        if value is None:
            continue
        group = [c for c in merged if c.type is kind]
        existing = next((c for c in group if c.value == value), None)
        current = next((c for c in group if c.primary), None)
        if existing:
            for contact in group:
                contact.primary = contact is existing
        elif current:
            current.value = value
        else:
            merged.insert(0, Contact.model_construct(type=kind, value=value, primary=True, label=None))
    seen: set[tuple[str, str]] = set()
    for contact in merged:
        key = (contact.type.value, contact.value.casefold())
        if key in seen:
            raise _contacts_error(f"contact {contact.value!r} appears twice")
        seen.add(key)
    for kind in ContactType:
        if sum(1 for c in merged if c.type is kind and c.primary) > 1:
            raise _contacts_error(f"more than one primary {kind.value} contact")
    return merged


def _contacts_error(message: str) -> ValidationFailedError:
    return ValidationFailedError(message, [{"field": "contacts", "message": message}])


def new_customer(data: CustomerCreate, *, customer_id: str, by: str, now: datetime, default_language: str) -> Customer:
    contacts = merge_contact_shorthand(data.contacts or [], data.email, data.phone)
    fields = data.model_dump(exclude={"contacts", "email", "phone", "notes", "language", "owner_id"},
                             exclude_none=True)
    return Customer(
        **fields,
        id=customer_id,
        contacts=contacts,
        language=data.language or default_language,
        notes=[Note(text=n.text, by=by, at=now) for n in data.notes],
        owner_id=data.owner_id or by,
        created_at=now,
        updated_at=now,
    )


def apply_update(customer: Customer, update: CustomerUpdate, *, now: datetime) -> Customer:
    """Return ``customer`` with the fields present in ``update`` applied; absent fields keep their value."""
    changes: dict[str, Any] = {
        name: getattr(update, name) for name in update.model_fields_set if name not in {"email", "phone"}
    }
    if update.email is not None or update.phone is not None:
        base = changes.get("contacts", customer.contacts)
        changes["contacts"] = merge_contact_shorthand(base, update.email, update.phone)
    return customer.model_copy(update={**changes, "updated_at": now})


def add_note(customer: Customer, text: str, *, by: str, now: datetime) -> Customer:
    if len(customer.notes) >= MAX_NOTES:
        raise FailedPreconditionError(f"a customer holds at most {MAX_NOTES} notes")
    note = Note(text=text, by=by, at=now)
    return customer.model_copy(update={"notes": [*customer.notes, note], "updated_at": now})


def upgrade(customer: Customer, *, now: datetime) -> Customer:
    if customer.status not in (CustomerStatus.LEAD, CustomerStatus.PROSPECT):
        raise FailedPreconditionError(
            f"only a lead or prospect can be upgraded; this customer is {customer.status.value}"
        )
    return customer.model_copy(update={"status": CustomerStatus.CUSTOMER, "updated_at": now})


def credit_lifetime_value(customer: Customer, delta_cents: int, *, won_deal: bool, now: datetime) -> Customer:
    """Add ``delta_cents`` (base currency) to the lifetime value; a won deal makes a lead or prospect a customer."""
    changes: dict[str, Any] = {
        "lifetime_value": customer.lifetime_value + from_cents(delta_cents),
        "updated_at": now,
    }
    if won_deal and customer.status in (CustomerStatus.LEAD, CustomerStatus.PROSPECT):
        changes["status"] = CustomerStatus.CUSTOMER
    return customer.model_copy(update=changes)
