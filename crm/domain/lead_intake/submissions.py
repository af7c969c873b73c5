"""A lead as a form or an ad platform posts it: read from JSON or form fields under the names such senders use,
validated, and checked for spam (a filled honeypot, a form sent faster than a person types)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from crm.domain.attribution import Utm
from crm.domain.contacts import ContactValueError, normalize_email, normalize_phone
from crm.domain.lead_intake.sources import LeadSource
from crm.errors import ValidationFailedError

MAX_TEXT = 200
MAX_MESSAGE = 2000
MAX_EXTRA_FIELDS = 20
MAX_EXTRA_VALUE = 500
MAX_EVENT_ID = 255
TRUE = frozenset({"1", "true", "yes", "on", "y", "checked"})
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full_name", "fullname"),
    "first_name": ("first_name", "firstname", "given_name"),
    "last_name": ("last_name", "lastname", "family_name", "surname"),
    "email": ("email", "email_address", "e-mail"),
    "phone": ("phone", "phone_number", "tel", "telephone", "mobile"),
    "company": ("company", "organization", "organisation", "company_name"),
    "message": ("message", "comments", "comment", "inquiry", "enquiry", "body"),
    "consent_marketing": ("consent_marketing", "marketing_consent", "newsletter", "opt_in"),
    "consent_privacy": ("consent_privacy", "privacy_policy", "accept_privacy", "gdpr"),
    "event_id": ("event_id", "lead_id", "leadgen_id", "submission_id"),
    "page_url": ("page_url", "page", "landing_page"),
    "referrer": ("referrer", "referer"),
}
UTM = ("source", "medium", "campaign", "term", "content")
CONTROL = ("_token", "_ts", "token")


@dataclass(frozen=True)
class LeadSubmission:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    message: str | None = None
    utm: Utm | None = None
    consent_marketing: bool = False
    consent_privacy: bool = False
    event_id: str | None = None
    rendered_at: datetime | None = None
    honeypot: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def display_name(self) -> str:
        """What the lead is called: the name given, else the company, the email or the phone."""
        return (self.name or self.company or self.email or self.phone or "Lead")[:MAX_TEXT]


def flatten(document: Any) -> dict[str, Any]:
    """A posted body as one level of fields: nested ``utm`` and ``consent`` objects become ``utm_*`` and
    ``consent_*`` fields; lists (a form field sent twice) keep their first value."""
    if not isinstance(document, dict):
        raise ValidationFailedError("the body must be an object of fields", [{"field": None,
                                                                                "message": "expected an object"}])
    flat: dict[str, Any] = {}
    for key, value in document.items():
        name = str(key).strip().lower()
        if name in ("utm", "consent") and isinstance(value, dict):
            flat.update({f"{name}_{k}".lower(): v for k, v in value.items()})
        else:
            flat[name] = value[0] if isinstance(value, list) and value else value
    return flat


def read_submission(fields: dict[str, Any], source: LeadSource, *, phone_region: str) -> LeadSubmission:
    """The lead in ``fields`` (see ``flatten``), under any of the names in ALIASES.

    Raises:
        ValidationFailedError: an email or phone that is not one, a text too long, or a field the source requires
            left empty (an email or a phone is always required), each on its field.
    """
    taken: set[str] = set(CONTROL) | {source.honeypot_field.lower()}
    errors: list[dict[str, Any]] = []

    def text(key: str, limit: int = MAX_TEXT) -> str | None:
        for alias in ALIASES.get(key, (key,)):
            if alias in fields:
                taken.add(alias)
                value = _text(fields[alias])
                if value is not None and len(value) > limit:
                    errors.append({"field": alias, "message": f"at most {limit} characters", "type": "too_long"})
                    return None
                if value is not None:
                    return value
        return None

    name = text("name") or " ".join(part for part in (text("first_name"), text("last_name")) if part) or None
    email, phone = text("email", 320), text("phone", 64)
    try:
        email = normalize_email(email) if email else None
    except ContactValueError as exc:
        errors.append({"field": "email", "message": str(exc), "type": "value_error"})
    try:
        phone = normalize_phone(phone, phone_region) if phone else None
    except ContactValueError as exc:
        errors.append({"field": "phone", "message": str(exc), "type": "value_error"})
    utm_fields = {part: text(f"utm_{part}") for part in UTM}
    page_url, referrer = text("page_url", 1000), text("referrer", 1000)
    utm = Utm(**utm_fields, page_url=page_url, referrer=referrer) if any(
        [*utm_fields.values(), page_url, referrer]) else None
    submission = LeadSubmission(
        name=name[:MAX_TEXT] if name else None, email=email, phone=phone, company=text("company"),
        message=text("message", MAX_MESSAGE), utm=utm, consent_marketing=_flag(fields, "consent_marketing", taken),
        consent_privacy=_flag(fields, "consent_privacy", taken), event_id=text("event_id", MAX_EVENT_ID),
        rendered_at=_moment(fields.get("_ts")), honeypot=_text(fields.get(source.honeypot_field.lower())),
        extra=_extra(fields, taken),
    )
    errors += _missing(submission, source) if not errors else []
    if errors:
        raise ValidationFailedError("the lead is not valid", errors)
    return submission


def spam_reason(submission: LeadSubmission, source: LeadSource, now: datetime) -> str | None:
    """Why the submission looks like a bot's (None: it does not): its honeypot is filled, or the form was sent
    within ``min_seconds`` of the page showing it."""
    if submission.honeypot:
        return "honeypot filled"
    rendered_at = submission.rendered_at
    if rendered_at is not None and source.min_seconds and now - rendered_at < timedelta(seconds=source.min_seconds):
        return "sent too fast"
    return None


def _missing(submission: LeadSubmission, source: LeadSource) -> list[dict[str, Any]]:
    present = {"name": submission.name, "email": submission.email, "phone": submission.phone,
               "company": submission.company, "message": submission.message}
    missing = [{"field": name, "message": "required", "type": "missing"} for name in source.required_fields
               if not present[name]]
    if not submission.email and not submission.phone and not missing:
        missing.append({"field": "email", "message": "an email or a phone is required", "type": "missing"})
    return missing


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _flag(fields: dict[str, Any], key: str, taken: set[str]) -> bool:
    for alias in ALIASES[key]:
        if alias in fields:
            taken.add(alias)
            value = fields[alias]
            return value is True or (isinstance(value, str) and value.strip().lower() in TRUE)
    return False


def _moment(value: Any) -> datetime | None:
    """The page's time from ``_ts``: unix milliseconds (as Date.now() gives) or seconds."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    seconds = number / 1000 if number > 10**11 else number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _extra(fields: dict[str, Any], taken: set[str]) -> dict[str, str]:
    known = {alias for aliases in ALIASES.values() for alias in aliases} | {f"utm_{part}" for part in UTM}
    extra: dict[str, str] = {}
    for key, value in fields.items():
        if key in taken or key in known or key.startswith("_") or len(extra) >= MAX_EXTRA_FIELDS:
            continue
        text = _text(value)
        if text is not None:
            extra[key[:40]] = text[:MAX_EXTRA_VALUE]
    return extra
