"""Reading a lead from what forms and ad platforms post, and telling a bot's post from a person's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crm.domain.lead_intake.snippet import form_snippet
from crm.domain.lead_intake.sources import LeadSource, accepts, origin_allowed
from crm.domain.lead_intake.submissions import flatten, read_submission, spam_reason
from crm.domain.webhooks.signing import signature_header
from crm.errors import ValidationFailedError

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def source(**fields) -> LeadSource:
    return LeadSource(id="src1", name="Website", owner_id="maria", token="lst_token", created_at=NOW,
                      created_by="admin", updated_at=NOW, **fields)


def read(fields: dict, **source_fields):
    return read_submission(flatten(fields), source(**source_fields), phone_region="GR")


def test_fields_are_read_under_the_names_senders_use():
    lead = read({"First_Name": "Nikos", "last_name": "Papas", "E-mail": "N@Example.com", "mobile": "6912345678",
                 "organisation": "Acme", "comments": "Call me", "utm": {"source": "fb", "campaign": "x"},
                 "newsletter": "on", "gdpr": True, "leadgen_id": "L-1", "budget": "5k", "_token": "t"})
    assert (lead.name, lead.email, lead.phone, lead.company) == ("Nikos Papas", "n@example.com", "+306912345678",
                                                                 "Acme")
    assert lead.message == "Call me" and lead.utm.source == "fb" and lead.utm.campaign == "x"
    assert lead.consent_marketing and lead.consent_privacy and lead.event_id == "L-1"
    assert lead.extra == {"budget": "5k"}, "unknown fields are kept, control fields are not"


def test_a_form_field_sent_twice_keeps_its_first_value_and_unchecked_boxes_are_false():
    lead = read({"email": ["a@example.com", "b@example.com"], "consent_marketing": "no"})
    assert lead.email == "a@example.com" and not lead.consent_marketing and lead.display_name() == "a@example.com"


@pytest.mark.parametrize(("fields", "required", "field"), [
    pytest.param({"name": "No way to reach"}, ["email"], "email", id="email required"),
    pytest.param({"phone": "2105550100"}, ["email"], "email", id="phone does not stand in for a required email"),
    pytest.param({"email": "a@example.com"}, ["email", "message"], "message", id="message required"),
    pytest.param({"name": "Only"}, [], "email", id="an email or a phone, always"),
    pytest.param({"email": "nope"}, [], "email", id="not an email"),
    pytest.param({"email": "a@example.com", "message": "m" * 2001}, [], "message", id="message too long"),
])
def test_what_a_lead_needs(fields, required, field):
    with pytest.raises(ValidationFailedError) as refused:
        read(fields, required_fields=required)
    assert field in [detail["field"] for detail in refused.value.details]


def test_a_phone_alone_is_enough_when_email_is_not_required():
    assert read({"tel": "210 555 0100"}, required_fields=[]).phone == "+302105550100"


@pytest.mark.parametrize(("fields", "reason"), [
    pytest.param({"fax": "x"}, "honeypot filled", id="honeypot"),
    pytest.param({"_ts": str(int((NOW - timedelta(seconds=1)).timestamp() * 1000))}, "sent too fast", id="fast"),
    pytest.param({"_ts": str(int((NOW - timedelta(seconds=10)).timestamp() * 1000))}, None, id="a person"),
    pytest.param({"_ts": str(int((NOW - timedelta(seconds=1)).timestamp()))}, "sent too fast", id="in seconds"),
    pytest.param({"_ts": "yesterday"}, None, id="unreadable time is not held against anyone"),
])
def test_spam(fields, reason):
    lead = read({"email": "a@example.com", **fields})
    assert spam_reason(lead, source(), NOW) == reason


def test_a_post_is_admitted_by_a_signature_or_unless_signatures_are_required_the_token():
    body = b'{"email":"a@example.com"}'
    signed = signature_header(["lss_secret"], 1000, body)
    assert accepts(source(), "lss_secret", token=None, signature=signed, body=body, now=1000)
    assert not accepts(source(), "lss_other", token=None, signature=signed, body=body, now=1000)
    assert accepts(source(), "lss_secret", token="lst_token", signature=None, body=body, now=1000)
    assert not accepts(source(), "lss_secret", token="lst_wrong", signature=None, body=body, now=1000)
    assert not accepts(source(signature_required=True), "lss_secret", token="lst_token", signature=None, body=body,
                       now=1000)


def test_a_browsers_origin_must_be_listed():
    listed = source(allowed_origins=["https://www.example.com"])
    assert origin_allowed(listed, "https://www.example.com") and origin_allowed(listed, None)
    assert not origin_allowed(listed, "https://evil.example") and not origin_allowed(source(), "https://x.example")


def test_the_snippet_marks_required_fields_and_hides_the_honeypot():
    html = form_snippet(source(required_fields=["email", "message"], honeypot_field="fax"), "https://crm/x")
    assert 'name="email" type="email" required' in html and 'required></textarea>' in html
    assert 'name="fax" tabindex="-1"' in html and 'aria-hidden="true"' in html
    assert 'name="_token" value="lst_token"' in html
