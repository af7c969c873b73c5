"""Normalization of contact values: emails by email-validator, phones by libphonenumber (both imported on first
use, not at cold start)."""

from __future__ import annotations

import functools

from pydantic import ValidationInfo

NORMALIZED_CACHE = 8192  # a value is normalized again each time a model holding it is built or read back


class ContactValueError(ValueError):
    """A contact value that is not a valid email address or phone number."""


@functools.lru_cache(maxsize=NORMALIZED_CACHE)
def normalize_email(value: str) -> str:
    """Return the canonical, lower-cased form of an email address.

    Raises:
        ContactValueError: not a syntactically valid address.
    """
    import email_validator

    try:
        result = email_validator.validate_email(value.strip(), check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        raise ContactValueError(f"not a valid email address: {exc}") from None
    return result.normalized.lower()


@functools.lru_cache(maxsize=NORMALIZED_CACHE)
def normalize_phone(value: str, default_region: str | None) -> str:
    """Return a phone number in E.164 form, reading national numbers in ``default_region``.

    Raises:
        ContactValueError: not a possible phone number.
    """
    import phonenumbers

    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        raise ContactValueError("not a valid phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise ContactValueError("not a valid phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if _reparsed(e164) != e164:  # zeros the country's numbers cannot start with: its E.164 form would not hold
        raise ContactValueError("not a valid phone number")
    return e164


def checked_email(value: str | None) -> str | None:
    """A model's email field (``field_validator("email")(checked_email)``): normalized, or the reason it is not one."""
    try:
        return None if value is None else normalize_email(value)
    except ContactValueError as exc:
        raise ValueError(str(exc)) from None


def checked_phone(value: str | None, info: ValidationInfo) -> str | None:
    """A model's phone field, read in the ``phone_region`` of the validation context when it has no country code."""
    try:
        return None if value is None else normalize_phone(value, (info.context or {}).get("phone_region"))
    except ContactValueError as exc:
        raise ValueError(str(exc)) from None


def _reparsed(e164: str) -> str | None:
    import phonenumbers

    try:
        return phonenumbers.format_number(phonenumbers.parse(e164, None), phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return None


def national_digits(e164: str) -> tuple[str, ...]:
    """The digits of a number as dialled at home: its national significant number, and with any trunk prefix."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ()
    significant = phonenumbers.national_significant_number(number)
    dialled = "".join(ch for ch in phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
                      if ch.isdigit())
    return tuple(dict.fromkeys((significant, dialled)))
