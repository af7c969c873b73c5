"""Contact values: emails and phone numbers in their canonical forms."""

from __future__ import annotations

import pytest

from crm.domain.contacts import ContactValueError, national_digits, normalize_email, normalize_phone


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        pytest.param("ana@example.com", "ana@example.com", id="already canonical"),
        pytest.param("Ana.K@Example.COM", "ana.k@example.com", id="mixed case"),
        pytest.param("  ana@example.com\t", "ana@example.com", id="surrounding whitespace"),
    ],
)
def test_normalize_email(raw: str, normalized: str) -> None:
    assert normalize_email(raw) == normalized


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("no-at-sign", id="no at sign"),
        pytest.param("ana@", id="no domain"),
        pytest.param("@example.com", id="no local part"),
        pytest.param("ana k@example.com", id="space in local part"),
        pytest.param("ana@@example.com", id="two at signs"),
        pytest.param("ana@example", id="domain without dot"),
    ],
)
def test_normalize_email_refuses_invalid_addresses(raw: str) -> None:
    with pytest.raises(ContactValueError, match="not a valid email address"):
        normalize_email(raw)


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        pytest.param("210 1234567", "GR", "+302101234567", id="greek landline, national"),
        pytest.param("691 234 5678", "GR", "+306912345678", id="greek mobile, national"),
        pytest.param("0030 210 1234567", "GR", "+302101234567", id="international prefix 00"),
        pytest.param("+44 20 7946 0958", "GR", "+442079460958", id="foreign number with plus"),
        pytest.param("+44 20 7946 0958", None, "+442079460958", id="plus needs no region"),
        pytest.param("020 7946 0958", "GB", "+442079460958", id="national in another region"),
        pytest.param("(210) 123-4567", "US", "+12101234567", id="us punctuation"),
    ],
)
def test_normalize_phone_to_e164(raw: str, region: str | None, e164: str) -> None:
    assert normalize_phone(raw, region) == e164


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        pytest.param("", "GR", id="empty"),
        pytest.param("abc", "GR", id="letters"),
        pytest.param("123", "GR", id="too short"),
        pytest.param("+30 1", "GR", id="country code and one digit"),
        pytest.param("12345678901234567890", "GR", id="too long"),
        pytest.param("210 1234567", None, id="national number without region"),
    ],
)
def test_normalize_phone_refuses_invalid_numbers(raw: str, region: str | None) -> None:
    with pytest.raises(ContactValueError):
        normalize_phone(raw, region)


@pytest.mark.parametrize(
    ("e164", "forms"),
    [
        pytest.param("+302101234567", ("2101234567",), id="GR: no trunk prefix"),
        pytest.param("+442079460958", ("2079460958", "02079460958"), id="GB: with and without trunk 0"),
        pytest.param("+390612345678", ("0612345678",), id="IT: leading zero kept"),
    ],
)
def test_national_digits_are_the_numbers_people_dial(e164: str, forms: tuple[str, ...]) -> None:
    assert national_digits(e164) == forms


def test_national_digits_of_garbage_is_empty() -> None:
    assert national_digits("not a phone") == ()
