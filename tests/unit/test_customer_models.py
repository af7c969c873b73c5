"""Validation of customer request bodies: CustomerCreate and CustomerUpdate."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain.customers import (
    MAX_CONTACTS,
    MAX_LINKED_USERS,
    MAX_NOTES,
    MAX_OWNED_ITEMS,
    MAX_TAGS,
    NOT_NULLABLE,
    SERVER_OWNED,
    ConsoleDevice,
    ContactType,
    CustomerCreate,
    CustomerSource,
    CustomerStatus,
    CustomerUpdate,
    FreeTextItem,
    Product,
)
from crm.errors import ValidationFailedError

GR = {"phone_region": "GR"}


def create(**body: Any) -> CustomerCreate:
    return CustomerCreate.model_validate({"name": "Ana", **body}, context=GR)


def update(**body: Any) -> CustomerUpdate:
    return CustomerUpdate.model_validate(body, context=GR)


def contact(kind: str, value: str, primary: bool = False, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "value": value, "primary": primary, **extra}


def test_name_is_stripped() -> None:
    assert create(name="  Ana Papadopoulou \n").name == "Ana Papadopoulou"


def test_name_of_200_chars_is_accepted() -> None:
    assert create(name="n" * 200).name == "n" * 200


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="name missing"),
        pytest.param({"name": ""}, id="empty name"),
        pytest.param({"name": "   "}, id="blank name"),
        pytest.param({"name": "n" * 201}, id="201 chars"),
        pytest.param({"name": None}, id="null name"),
        pytest.param({"name": 42}, id="number name"),
    ],
)
def test_create_refuses_bad_name(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        CustomerCreate.model_validate(body, context=GR)


def test_company_is_an_alias_for_organization() -> None:
    assert create(company="ACME S.A.").organization == "ACME S.A."
    assert create(organization="ACME S.A.").organization == "ACME S.A."


def test_email_and_phone_shorthand_are_normalized() -> None:
    data = create(email="Ana@Example.COM", phone="210 1234567")
    assert (data.email, data.phone) == ("ana@example.com", "+302101234567")


def test_contacts_are_normalized_with_the_context_region() -> None:
    data = create(contacts=[{"type": "phone", "value": "210 1234567"}, {"type": "email", "value": " B@X.COM "}])
    assert [c.value for c in data.contacts] == ["+302101234567", "b@x.com"]
    assert data.contacts[0].type is ContactType.PHONE


def test_tags_are_trimmed_lowercased_and_deduplicated() -> None:
    assert create(tags=[" VIP", "vip ", "", "  ", "New", "vip"]).tags == ["vip", "new"]


def test_linked_user_ids_are_deduplicated() -> None:
    assert create(linked_user_ids=["u1", "u2", "u1"]).linked_user_ids == ["u1", "u2"]


def test_owned_items_are_read_by_their_type() -> None:
    items = create(
        owned_items=[
            {"type": "console_device", "serial_number": "SN-1"},
            {"type": "product", "product_name": "Pad", "quantity": 2},
            {"type": "freetext", "description": "old router"},
        ]
    ).owned_items
    assert [type(item) for item in items] == [ConsoleDevice, Product, FreeTextItem]
    assert items[1].quantity == 2


def test_a_free_text_item_keeps_its_serial_number() -> None:
    (item,) = create(owned_items=[{"type": "freetext", "description": "Old router", "serial_number": "  RT-88 "}]
                     ).owned_items
    assert (item.description, item.serial_number) == ("Old router", "RT-88")


@pytest.mark.parametrize(
    "item",
    [
        pytest.param({"type": "car"}, id="unknown type"),
        pytest.param({"serial_number": "SN-1"}, id="no type"),
        pytest.param({"type": "product", "color": "red"}, id="field of no item type"),
        pytest.param({"type": "freetext", "device_id": "D-1"}, id="field of another item type"),
        pytest.param({"type": "freetext", "serial_number": "S" * 101}, id="serial number of 101 characters"),
        pytest.param({"type": "product", "quantity": 0}, id="zero quantity"),
    ],
)
def test_owned_item_refused(item: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        update(owned_items=[item])


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"nickname": "Annie"}, id="unknown field"),
        *[pytest.param({field: "x"}, id=f"server-owned {field}") for field in sorted(SERVER_OWNED)],
        pytest.param({"contacts": [contact("email", "a@x.com", verified=True)]}, id="unknown contact field"),
        pytest.param({"location": {"city": "Athens", "street": "Ermou"}}, id="unknown location field"),
    ],
)
def test_unknown_fields_are_refused(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        update(**body)


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in NOT_NULLABLE])
def test_null_for_non_nullable_field_is_refused(field: str) -> None:
    with pytest.raises(ValidationError, match=f"{field} cannot be null"):
        update(**{field: None})


def test_null_clears_nullable_fields() -> None:
    data = update(organization=None, location=None, source=None)
    assert data.model_fields_set == {"organization", "location", "source"}


@pytest.mark.parametrize(
    "contacts",
    [
        pytest.param([contact("email", "a@x.com"), contact("email", "A@X.com")], id="same email"),
        pytest.param([contact("phone", "210 1234567"), contact("phone", "+30 210 123 4567")], id="same phone"),
        pytest.param([contact("email", "a@x.com", True), contact("email", "b@x.com", True)], id="two primary emails"),
        pytest.param([contact("phone", "2101234567", True), contact("phone", "6912345678", True)], id="two primaries"),
    ],
)
def test_contact_conflicts_are_refused(contacts: list[dict[str, Any]]) -> None:
    with pytest.raises(ValidationFailedError) as caught:
        update(contacts=contacts)
    assert caught.value.details[0]["field"] == "contacts"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"email": "not-an-email"}, id="bad email shorthand"),
        pytest.param({"phone": "12"}, id="bad phone shorthand"),
        pytest.param({"contacts": [{"type": "email", "value": "nope"}]}, id="bad email contact"),
        pytest.param({"contacts": [{"type": "phone", "value": "abc"}]}, id="bad phone contact"),
        pytest.param({"contacts": [{"type": "fax", "value": "1"}]}, id="unknown contact type"),
        pytest.param({"contacts": [{"type": "other", "value": ""}]}, id="empty contact value"),
    ],
)
def test_bad_contact_values_are_refused(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        update(**body)


@pytest.mark.parametrize("language", ["el", "en", "ell", "en-US", "zh-Hant-TW", " de "])
def test_language_tags_accepted(language: str) -> None:
    assert update(language=language).language == language.strip()


def test_status_and_source_are_enums() -> None:
    data = update(status="prospect", source="cold_outreach")
    assert (data.status, data.source) == (CustomerStatus.PROSPECT, CustomerSource.COLD_OUTREACH)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"language": "e"}, id="one-letter language"),
        pytest.param({"language": "english"}, id="language as a word"),
        pytest.param({"language": "en_US"}, id="language with underscore"),
        pytest.param({"language": "en-"}, id="language with trailing dash"),
        pytest.param({"status": "vip"}, id="unknown status"),
        pytest.param({"status": "Lead"}, id="status in capitals"),
        pytest.param({"source": "tv"}, id="unknown source"),
        pytest.param({"tags": [f"t{i}" for i in range(MAX_TAGS + 1)]}, id="too many tags"),
        pytest.param({"tags": ["t" * 51]}, id="tag of 51 chars"),
        pytest.param({"contacts": [contact("other", f"{i}") for i in range(MAX_CONTACTS + 1)]}, id="many contacts"),
        pytest.param({"owned_items": [{"type": "freetext"}] * (MAX_OWNED_ITEMS + 1)}, id="too many owned items"),
        pytest.param({"linked_user_ids": [f"u{i}" for i in range(MAX_LINKED_USERS + 1)]}, id="too many linked users"),
        pytest.param({"notes": [{"text": "n"}] * (MAX_NOTES + 1)}, id="too many notes"),
        pytest.param({"notes": [{"text": "  "}]}, id="blank note"),
    ],
)
def test_bad_values_are_refused(body: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        create(**body)


def test_lists_at_their_limits_are_accepted() -> None:
    data = create(tags=[f"t{i}" for i in range(MAX_TAGS)], linked_user_ids=[f"u{i}" for i in range(MAX_LINKED_USERS)])
    assert (len(data.tags), len(data.linked_user_ids)) == (MAX_TAGS, MAX_LINKED_USERS)

