"""Firestore unavailable: requests answer 503 with Retry-After within seconds, and no write is left half done."""

from __future__ import annotations

import dataclasses
import time

import pytest
from flask.testing import FlaskClient
from google.api_core import exceptions as google_exceptions
from google.cloud.firestore_v1.transaction import Transaction

from crm.devstack.emulator import free_port
from crm.http import create_app
from crm.settings import Settings
from crm.store.client import RETRY_SECONDS
from tests.api.helpers import CUSTOMERS, assert_error

PROMPTLY = RETRY_SECONDS + 4  # the retry budget, plus the slack of a loaded test machine
NEW_CUSTOMER = {"name": "Acme Corp", "email": "contact@acme.example", "phone": "+30 210 123 4567"}


@pytest.fixture
def unreachable(settings: Settings, token_for) -> FlaskClient:
    """A client of the same data as ``client``, but configured with a Firestore address where nothing listens."""
    nowhere = dataclasses.replace(settings, firestore_emulator_host=f"127.0.0.1:{free_port()}")
    client = create_app(nowhere).test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for()}"
    return client


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def assert_unavailable(response, seconds: float) -> None:
    assert_error(response, 503, "UNAVAILABLE")
    assert int(response.headers["Retry-After"]) > 0
    assert seconds < PROMPTLY, f"took {seconds:.1f}s"


@pytest.mark.parametrize(
    "path",
    [pytest.param(CUSTOMERS, id="list"), pytest.param(f"{CUSTOMERS}/someone", id="get"),
     pytest.param(f"{CUSTOMERS}?search=acme", id="search")],
)
def test_a_read_answers_503_with_retry_after_promptly(unreachable: FlaskClient, path: str):
    assert_unavailable(*timed(unreachable.get, path))


def test_a_write_answers_503_promptly_and_leaves_nothing_behind(unreachable: FlaskClient, client: FlaskClient):
    headers = {"Idempotency-Key": "create-acme-1"}
    assert_unavailable(*timed(unreachable.post, CUSTOMERS, json=NEW_CUSTOMER, headers=headers))

    assert client.get(CUSTOMERS).get_json()["total"] == 0
    retried = client.post(CUSTOMERS, json=NEW_CUSTOMER, headers=headers)
    assert retried.status_code == 201, retried.get_json()  # neither the email claim nor the key was left held
    assert client.get(CUSTOMERS).get_json()["total"] == 1


def test_a_commit_that_fails_writes_nothing_and_the_retry_writes_everything(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
):
    """The database goes away after the transaction has read and staged its writes (customer and email claim)."""
    commit = Transaction._commit

    def unavailable_commit(transaction: Transaction) -> list:
        raise google_exceptions.ServiceUnavailable("the database went away")

    monkeypatch.setattr(Transaction, "_commit", unavailable_commit)
    assert_unavailable(*timed(client.post, CUSTOMERS, json=NEW_CUSTOMER))
    monkeypatch.setattr(Transaction, "_commit", commit)

    assert client.get(CUSTOMERS).get_json()["total"] == 0
    created = client.post(CUSTOMERS, json=NEW_CUSTOMER)
    assert created.status_code == 201, created.get_json()
    found = client.get(CUSTOMERS, query_string={"search": "acme"}).get_json()
    assert [c["email"] for c in found["results"]] == ["contact@acme.example"]
    duplicate = client.post(CUSTOMERS, json={"name": "Other", "email": "contact@acme.example"})
    assert_error(duplicate, 409, "ALREADY_EXISTS")  # the claim was written with the customer, not before it
