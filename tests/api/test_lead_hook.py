"""POST /api/hooks/leads/{source}: what the embeddable form posts, token and signature, CORS for the source's
origins, idempotency by the sender's event id, spam dropped quietly, required fields, duplicates matched by email
or phone, and the rate limit."""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest

from crm.domain.webhooks.signing import signature_header
from crm.http import create_app
from crm.http.dependencies import Dependencies
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from tests.api.helpers import assert_error, detail_fields

SOURCES = "/api/crm/admin/lead-sources"
SITE = "https://www.example.com"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def source(client) -> dict:
    response = client.post(SOURCES, json={"name": "Website form", "allowed_origins": [SITE], "tags": ["web"],
                                          "owner_id": "maria", "required_fields": ["email"]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def hook(source) -> str:
    return f"/api/hooks/leads/{source['id']}"


@pytest.fixture
def stored(settings):
    """The test's records straight from Firestore: customers and activities."""
    names = CollectionNames(settings.collection_prefix)
    db = firestore_client(settings)

    def read(collection: str) -> list[dict]:
        return [s.to_dict() | {"id": s.id} for s in db.collection(getattr(names, collection)).stream()]

    return read


class FormReader(HTMLParser):
    """The form of the snippet as a browser sees it: its action and its fields with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.fields: dict[str, str] = {}
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.action = found["action"] or ""
        elif tag in ("input", "textarea") and found.get("name"):
            if found.get("type") == "checkbox" and "checked" not in found:
                return  # a browser sends a checkbox only when it is ticked
            self.fields[found["name"]] = found.get("value") or ""
            if found.get("type") not in ("hidden", "checkbox") and found.get("tabindex") != "-1":
                self.visible.append(found["name"])


def form_post(fields: dict[str, str], **extra: str) -> dict[str, str]:
    """What the snippet's script sends: the form's fields with the page's time, an event id and the page."""
    return {**fields, "_ts": str(int((time.time() - 30) * 1000)), "event_id": str(uuid.uuid4()),
            "page_url": f"{SITE}/contact?utm_source=google", **extra}


def post_form(anonymous, hook: str, fields: dict[str, str], **headers: str):
    return anonymous.post(hook, data=urlencode(fields), content_type=FORM, headers={"Origin": SITE, **headers})


def test_the_embeddable_form_posts_a_lead(client, anonymous, source, stored):
    snippet = client.get(f"{SOURCES}/{source['id']}/snippet").get_json()
    form = FormReader()
    form.feed(snippet["html"])
    assert urlsplit(form.action).path == f"/api/hooks/leads/{source['id']}" == urlsplit(snippet["hook_url"]).path
    assert form.fields["_token"] == source["token"] and "fax" in form.fields
    assert form.visible == ["name", "email", "phone", "company", "message"]
    filled = {"name": "Ελένη Παππά", "email": "Eleni@Example.gr", "phone": "210 555 0101", "company": "Παππάς ΑΕ",
              "message": "Θα ήθελα προσφορά", "consent_privacy": "yes", "utm_source": "google", "utm_medium": "cpc",
              "utm_campaign": "spring"}

    response = post_form(anonymous, urlsplit(form.action).path, form_post({**form.fields, **filled}))

    assert response.status_code == 202, response.get_data(as_text=True)
    assert response.get_json()["status"] == "received"
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    [customer] = stored("customers")
    assert customer["status"] == "lead" and customer["source"] == "website" and customer["owner_id"] == "maria"
    assert customer["name"] == "Ελένη Παππά" and customer["organization"] == "Παππάς ΑΕ"
    assert {c["value"] for c in customer["contacts"]} == {"eleni@example.gr", "+302105550101"}
    assert customer["utm"]["source"] == "google" and customer["utm"]["campaign"] == "spring"
    assert customer["utm"]["page_url"].startswith(SITE)
    assert customer["consent"]["privacy_policy"] is True and customer["consent"]["marketing"] is False
    assert customer["lead_source_id"] == source["id"] and customer["tags"] == ["web"]
    [task] = stored("activities")
    assert task["type"] == "task" and task["customer_id"] == customer["id"] and task["owner_id"] == "maria"
    assert "Θα ήθελα προσφορά" in task["description"] and "Campaign: source=google" in task["description"]
    assert client.get(f"{SOURCES}/{source['id']}").get_json()["leads_received"] == 1


def test_a_plain_html_form_post_gets_a_thank_you_page_or_the_sources_own(client, anonymous, source, hook):
    fields = form_post({"_token": source["token"], "email": "plain@example.com"})
    page = post_form(anonymous, hook, fields, Accept="text/html,application/xhtml+xml")
    assert page.status_code == 200 and page.mimetype == "text/html" and "Thank you" in page.get_data(as_text=True)

    client.patch(f"{SOURCES}/{source['id']}", json={"thank_you_url": f"{SITE}/thanks"})
    moved = post_form(anonymous, hook, form_post({"_token": source["token"], "email": "plain2@example.com"}),
                      Accept="text/html")
    assert moved.status_code == 303 and moved.headers["Location"] == f"{SITE}/thanks"


def test_a_server_posts_signed_json(client, anonymous, source, hook, stored):
    body = json.dumps({"email": "ads@example.com", "first_name": "Ad", "last_name": "Lead", "leadgen_id": "fb-1",
                       "budget": "5000"}).encode()

    response = anonymous.post(hook, data=body, content_type="application/json", headers={
        "X-CRM-Signature": signature_header([source["secret"]], int(time.time()), body)})

    assert response.status_code == 202, response.get_data(as_text=True)
    [customer] = stored("customers")
    assert customer["name"] == "Ad Lead" and "Access-Control-Allow-Origin" not in response.headers
    assert "budget: 5000" in stored("activities")[0]["description"]


@pytest.mark.parametrize(("headers", "fields"), [
    pytest.param({}, {}, id="no credential"),
    pytest.param({"X-Lead-Token": "lst_wrong"}, {}, id="wrong token"),
    pytest.param({"X-CRM-Signature": "t=1,v1=00"}, {}, id="stale bad signature"),
])
def test_posts_without_the_sources_credential_are_refused(anonymous, hook, stored, headers, fields):
    response = anonymous.post(hook, json={"email": "x@example.com", **fields}, headers=headers)
    assert_error(response, 401, "UNAUTHENTICATED")
    assert stored("customers") == []


def test_a_source_that_requires_signatures_refuses_its_token(client, anonymous, source, hook):
    client.patch(f"{SOURCES}/{source['id']}", json={"signature_required": True})
    response = post_form(anonymous, hook, form_post({"_token": source["token"], "email": "t@example.com"}))
    assert_error(response, 401, "UNAUTHENTICATED")


def test_the_same_event_id_makes_one_lead(anonymous, source, hook, stored):
    fields = form_post({"_token": source["token"], "email": "twice@example.com"})
    first = post_form(anonymous, hook, fields)
    again = post_form(anonymous, hook, fields)

    assert first.status_code == again.status_code == 202
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json() == first.get_json()
    assert len(stored("customers")) == 1 and len(stored("activities")) == 1


@pytest.mark.parametrize("trap", [
    pytest.param({"fax": "+1 555 0100"}, id="honeypot filled"),
    pytest.param({"_ts": "now"}, id="sent as soon as shown"),
])
def test_spam_is_answered_like_a_lead_and_dropped(client, anonymous, source, hook, stored, trap):
    trap = {key: str(int(time.time() * 1000)) if value == "now" else value for key, value in trap.items()}
    response = post_form(anonymous, hook, form_post({"_token": source["token"], "email": "bot@example.com"}, **trap))

    assert response.status_code == 202 and response.get_json()["status"] == "received"
    assert stored("customers") == [] and stored("activities") == []
    assert client.get(f"{SOURCES}/{source['id']}").get_json()["spam_blocked"] == 1


@pytest.mark.parametrize(("fields", "field"), [
    pytest.param({"name": "No contact"}, "email", id="no email"),
    pytest.param({"email": "not-an-email"}, "email", id="bad email"),
    pytest.param({"email": "ok@example.com", "phone": "12"}, "phone", id="bad phone"),
    pytest.param({"email": "ok@example.com", "name": "x" * 201}, "name", id="name too long"),
])
def test_a_lead_missing_what_it_needs_is_refused_on_its_field(anonymous, source, hook, stored, fields, field):
    response = post_form(anonymous, hook, form_post({"_token": source["token"], **fields}))
    assert field in detail_fields(assert_error(response, 422, "VALIDATION_FAILED"))
    assert stored("customers") == []


def test_an_existing_customer_by_email_or_phone_gets_a_task_not_a_duplicate(client, anonymous, source, hook, stored):
    known = client.post("/api/crm/customers", json={"name": "Known", "email": "known@example.com",
                                                    "phone": "+30 210 555 0199", "owner_id": "nikos"}).get_json()

    by_email = post_form(anonymous, hook, form_post({"_token": source["token"], "email": "KNOWN@example.com",
                                                     "message": "again"}))
    by_phone = post_form(anonymous, hook, form_post({"_token": source["token"], "phone": "2105550199",
                                                     "email": "other-address@example.com"}))

    assert by_email.status_code == by_phone.status_code == 202
    assert [c["id"] for c in stored("customers")] == [known["id"]]
    tasks = stored("activities")
    assert len(tasks) == 2 and {t["customer_id"] for t in tasks} == {known["id"]}
    assert {t["owner_id"] for t in tasks} == {"nikos"} and all(t["subject"].startswith("New inquiry") for t in tasks)
    assert client.get(f"{SOURCES}/{source['id']}").get_json()["duplicates_matched"] == 2


def test_cors_preflight_and_origins(anonymous, source, hook):
    allowed = anonymous.options(hook, headers={"Origin": SITE, "Access-Control-Request-Method": "POST"})
    other = anonymous.options(hook, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})

    assert allowed.status_code == 204 and allowed.headers["Access-Control-Allow-Origin"] == SITE
    assert "X-Lead-Token" in allowed.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in other.headers
    refused = post_form(anonymous, hook, form_post({"_token": source["token"], "email": "x@example.com"}),
                        Origin="https://evil.example")
    assert_error(refused, 403, "PERMISSION_DENIED")
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_unknown_disabled_and_unreadable_posts(client, anonymous, source, hook):
    assert_error(anonymous.post("/api/hooks/leads/nope", json={"email": "a@example.com"}), 404, "NOT_FOUND")
    assert_error(anonymous.post(hook, data="email=a", content_type="text/plain",
                                headers={"X-Lead-Token": source["token"]}), 415, "UNSUPPORTED_MEDIA_TYPE")
    client.patch(f"{SOURCES}/{source['id']}", json={"enabled": False})
    assert_error(anonymous.post(hook, json={"email": "a@example.com"}, headers={"X-Lead-Token": source["token"]}),
                 403, "PERMISSION_DENIED")


def test_posts_are_rate_limited_per_address(settings, source):
    strict = dataclasses.replace(settings, lead_post_burst=2, lead_posts_per_minute=1)
    app = create_app(dataclasses.replace(strict, collection_prefix=""))
    app.extensions["crm"] = Dependencies(strict)
    client = app.test_client()
    hook = f"/api/hooks/leads/{source['id']}"
    answers = [post_form(client, hook, form_post({"_token": source["token"], "email": f"r{n}@example.com"}))
               for n in range(3)]

    assert [a.status_code for a in answers[:2]] == [202, 202]
    assert_error(answers[2], 429, "RESOURCE_EXHAUSTED")
    assert int(answers[2].headers["Retry-After"]) >= 1
