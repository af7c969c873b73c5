"""POST /api/mcp as an HTTP endpoint like every other: credentials, roles, the body checked, idempotency keys; and
the MCP SDK loaded only when the endpoint is called."""

from __future__ import annotations

import json
import subprocess
import sys

import anyio

from tests.api.helpers import assert_error

LIST = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}


def _call(tool: str, arguments: dict, request_id: int = 7) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": "tools/call", "params": {"name": tool,
                                                                               "arguments": arguments}}


def test_without_credentials_it_is_401_in_the_api_s_error_shape(anonymous):
    assert_error(anonymous.post("/api/mcp", json=LIST), 401, "UNAUTHENTICATED")
    assert_error(anonymous.post("/api/mcp", json=LIST, headers={"X-API-Key": "crm_nope"}), 401, "UNAUTHENTICATED")


def test_a_user_without_a_role_is_refused(app, token_for):
    client = app.test_client()
    response = client.post("/api/mcp", json=LIST, headers={"Authorization": f"Bearer {token_for('new-1', None)}"})
    assert_error(response, 403, "PERMISSION_DENIED")


def test_a_body_that_is_not_json_rpc_is_refused_before_the_sdk(client):
    assert_error(client.post("/api/mcp", json={"method": "tools/list"}), 422, "VALIDATION_FAILED")
    assert_error(client.post("/api/mcp", json={**LIST, "id": None}), 422, "VALIDATION_FAILED")
    assert_error(client.post("/api/mcp", data="[]", content_type="application/json"), 422, "VALIDATION_FAILED")
    assert_error(client.post("/api/mcp", data="{", content_type="application/json"), 400, "INVALID_ARGUMENT")
    assert_error(client.get("/api/mcp"), 405, "METHOD_NOT_ALLOWED")


def test_plain_json_rpc_without_a_handshake(client):
    answer = client.post("/mcp", json=LIST)
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.get_json()["id"] == 1 and len(answer.get_json()["result"]["tools"]) > 10
    note = client.post("/api/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert note.status_code == 202 and note.get_data() == b""


def test_a_request_handled_inside_a_running_event_loop_is_served(client):
    async def inside_a_loop() -> dict:
        return client.post("/api/mcp", json=LIST).get_json()

    assert len(anyio.run(inside_a_loop)["result"]["tools"]) > 10


def test_an_idempotency_key_replays_the_first_answer(client):
    body = _call("create_customer", {"name": "Once Only", "email": "once@example.com"})
    first = client.post("/api/mcp", json=body, headers={"Idempotency-Key": "mcp-once"})
    again = client.post("/api/mcp", json=body, headers={"Idempotency-Key": "mcp-once"})
    assert first.get_json()["result"]["isError"] is False
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json() == first.get_json()
    found = client.get("/api/crm/customers", query_string={"search": "once only"}).get_json()
    assert found["total"] == 1


def test_the_mcp_sdk_loads_only_when_the_endpoint_is_called(settings):
    script = """
import json, sys
from crm.http import create_app
from crm.settings import get_settings
from crm.devstack.tokens import emulator_id_token
app = create_app(get_settings())
before = 'mcp' in sys.modules
client = app.test_client()
client.get('/api/health')
token = emulator_id_token(get_settings().project_id, 'lazy-1', role='viewer')
answer = client.post('/api/mcp', json={'jsonrpc': '2.0', 'id': 1, 'method': 'tools/list'},
                     headers={'Authorization': 'Bearer ' + token})
print(json.dumps({'before': before, 'after': 'mcp' in sys.modules, 'status': answer.status_code}))
"""
    env = {"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": settings.firestore_emulator_host,
           "FIREBASE_AUTH_EMULATOR_HOST": settings.auth_emulator_host, "GOOGLE_CLOUD_PROJECT": settings.project_id,
           "CRM_COLLECTION_PREFIX": settings.collection_prefix}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"before": False, "after": True, "status": 200}
