"""Lead sources for admins: the signing secret shown once (never in replays or the audit trail), the form token,
rotation, versions, validation, and the form to embed."""

from __future__ import annotations

import time

import pytest

from crm.domain.webhooks.signing import signature_header
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from tests.api.helpers import assert_error, detail_fields

SOURCES = "/api/crm/admin/lead-sources"


@pytest.fixture
def source(client) -> dict:
    response = client.post(SOURCES, json={"name": "Spring campaign", "kind": "ad_platform"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_secret_is_shown_once_and_the_token_always(client, source):
    assert source["secret"].startswith("lss_") and source["token"].startswith("lst_")
    assert source["owner_id"] == "user-1" and source["required_fields"] == ["email"] and source["min_seconds"] == 3
    shown = client.get(f"{SOURCES}/{source['id']}").get_json()
    assert "secret" not in shown and shown["token"] == source["token"]
    assert [s["id"] for s in client.get(SOURCES).get_json()["results"]] == [source["id"]]
    assert_error(client.post(SOURCES, json={"name": "Again"}, headers={"Idempotency-Key": "k"}), 400,
                 "INVALID_ARGUMENT")


def test_the_audit_trail_never_holds_the_secret(client, source, settings):
    names = CollectionNames(settings.collection_prefix)
    entries = [s.to_dict() for s in firestore_client(settings).collection(names.audit).stream()]
    assert [e["entity"] for e in entries] == ["lead_source"]
    assert source["secret"] not in str(entries) and "secret" not in entries[0]["changes"]


def test_rotating_the_secret_and_the_token(client, anonymous, source):
    hook = f"/api/hooks/leads/{source['id']}"
    rotated = client.post(f"{SOURCES}/{source['id']}/rotate-secret").get_json()
    retokened = client.post(f"{SOURCES}/{source['id']}/rotate-token").get_json()
    assert rotated["secret"] != source["secret"] and retokened["token"] != source["token"]
    assert "secret" not in retokened

    def signed(secret: str):
        body = b'{"email": "lead@example.com"}'
        return anonymous.post(hook, data=body, content_type="application/json",
                              headers={"X-CRM-Signature": signature_header([secret], int(time.time()), body)})

    assert_error(signed(source["secret"]), 401, "UNAUTHENTICATED")
    assert signed(rotated["secret"]).status_code == 202
    old_token = anonymous.post(hook, json={"email": "t@example.com"}, headers={"X-Lead-Token": source["token"]})
    assert_error(old_token, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({}, "name", id="no name"),
    pytest.param({"name": "x", "allowed_origins": ["https://site.example/path"]}, "allowed_origins", id="a path"),
    pytest.param({"name": "x", "required_fields": ["fax"]}, "required_fields.0", id="unknown field"),
    pytest.param({"name": "x", "min_seconds": -1}, "min_seconds", id="negative time"),
    pytest.param({"name": "x", "token": "mine"}, "token", id="token is the server's"),
])
def test_bad_sources_are_refused_on_their_field(client, body, field):
    assert field in detail_fields(assert_error(client.post(SOURCES, json=body), 422, "VALIDATION_FAILED"))


def test_changes_are_versioned_and_deleting_closes_the_hook(client, anonymous, source):
    url = f"{SOURCES}/{source['id']}"
    changed = client.patch(url, json={"allowed_origins": ["https://www.example.com/"]},
                           headers={"If-Match": f'"{source["version"]}"'})
    assert changed.status_code == 200 and changed.get_json()["allowed_origins"] == ["https://www.example.com"]
    assert_error(client.patch(url, json={"name": "Late"}, headers={"If-Match": f'"{source["version"]}"'}), 412,
                 "PRECONDITION_FAILED")

    assert client.delete(url).status_code == 204
    assert_error(client.get(url), 404, "NOT_FOUND")
    assert_error(anonymous.post(f"/api/hooks/leads/{source['id']}", json={"email": "a@example.com"}), 404,
                 "NOT_FOUND")


def test_the_snippet_posts_to_this_api_with_the_sources_token(client, source):
    snippet = client.get(f"{SOURCES}/{source['id']}/snippet", headers={"X-Forwarded-Host": "crm.example.com",
                                                                       "X-Forwarded-Proto": "https"}).get_json()
    assert snippet["hook_url"] == f"https://crm.example.com/api/hooks/leads/{source['id']}"
    assert f'action="{snippet["hook_url"]}"' in snippet["html"]
    assert f'name="_token" value="{source["token"]}"' in snippet["html"] and source["secret"] not in snippet["html"]
