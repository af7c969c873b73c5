"""The deployable webhook functions in functions/main.py: declared for `firebase deploy` (a Firestore trigger on the
outbox, a schedule), absent from `api`'s instances (which import nothing for them), and doing their work when called
as Cloud Functions call them."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cloudevents.http import CloudEvent
from google.events.cloud import firestore as firestore_events

from crm.domain.webhooks.endpoints import WebhookEndpointCreate
from crm.identity import Caller, Role
from crm.outbound import webhooks as runtime
from crm.services.customers import create_customer
from crm.services.webhooks.endpoints import create_endpoint
from crm.settings import get_settings
from crm.store.crm_transaction import crm_transactions
from tests.utils.factories import customer_body
from tests.utils.webhook_receiver import WebhookReceiver

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
ADMIN = Caller(uid="fn-admin", role=Role.ADMIN, via="token")


@pytest.fixture
def main(local_env, monkeypatch):
    """functions/main.py as Cloud Functions load it, on this test's own collection prefix."""
    prefix = f"f{uuid.uuid4().hex[:10]}_"
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", prefix)
    monkeypatch.delenv("FUNCTION_TARGET", raising=False)  # as where `firebase deploy` reads this file
    monkeypatch.syspath_prepend(str(FUNCTIONS))
    get_settings.cache_clear()
    runtime._process_wide.cache_clear()
    sys.modules.pop("main", None)
    import main as loaded

    yield loaded
    sys.modules.pop("main", None)
    get_settings.cache_clear()
    runtime._process_wide.cache_clear()


def test_the_functions_are_declared_for_deploy(main):
    trigger = main.webhook_outbox.__firebase_endpoint__.eventTrigger
    schedule = main.webhook_sweep.__firebase_endpoint__.scheduleTrigger
    assert trigger["eventType"] == "google.cloud.firestore.document.v1.created"
    assert trigger["eventFilterPathPatterns"]["document"].endswith("webhook_events/{event_id}")
    assert schedule["schedule"] == "every 1 minutes"


def test_the_api_instances_import_nothing_for_webhooks():
    code = "import main, sys; print(hasattr(main, 'webhook_outbox'), 'firebase_functions.firestore_fn' in sys.modules)"
    env = {"FUNCTION_TARGET": "api", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=FUNCTIONS, env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_outbox_trigger_delivers_the_event_it_is_called_for(main, local_env):
    settings = get_settings()
    hooks = runtime.webhook_dependencies(settings)
    transactions = crm_transactions(hooks.db, hooks.names, "EUR")
    with WebhookReceiver() as receiver:
        create_endpoint(transactions, hooks.endpoints, WebhookEndpointCreate(url=receiver.url, events=["*"]), ADMIN,
                        allow_private=True)
        customer = create_customer(transactions, _customer(settings), ADMIN, default_language="el")
        [event] = list(hooks.db.collection(hooks.names.webhook_events).stream())

        main.webhook_outbox(_created_event(settings.project_id, f"{hooks.names.webhook_events}/{event.id}"))

        [request] = receiver.requests
    assert request.json["id"] == event.id and request.json["subject"]["id"] == customer.id


def _customer(settings):
    from crm.domain.customers import CustomerCreate

    return CustomerCreate.model_validate(customer_body(name="Trigger test"),
                                         context={"phone_region": settings.default_phone_region})


def _created_event(project: str, document: str) -> CloudEvent:
    """A document-created event as Eventarc delivers it to the function (the document itself is read again)."""
    name = f"projects/{project}/databases/(default)/documents/{document}"
    data = firestore_events.DocumentEventData(value=firestore_events.Document(name=name))
    attributes = {
        "type": "google.cloud.firestore.document.v1.created", "specversion": "1.0", "id": uuid.uuid4().hex,
        "source": f"//firestore.googleapis.com/projects/{project}/databases/(default)",
        "subject": f"documents/{document}", "datacontenttype": "application/protobuf",
        "time": datetime.now(UTC).isoformat(), "location": "eur3", "project": project,
        "database": "(default)", "namespace": "(default)", "document": document,
    }
    return CloudEvent(attributes, firestore_events.DocumentEventData.serialize(data))
