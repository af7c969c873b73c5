"""`crm dev` prints the MCP endpoint with an API key that works against the local stack."""

from __future__ import annotations

import re

from crm.devstack.local_stack import print_mcp_endpoint
from crm.http.dependencies import Dependencies
from crm.identity import ApiKeySecret, Role


def test_the_printed_key_authenticates_as_a_manager(settings, capsys):
    print_mcp_endpoint("http://127.0.0.1:8000", settings)
    line = capsys.readouterr().out.strip()
    found = re.fullmatch(r"MCP:\s+http://127\.0\.0\.1:8000/api/mcp  \(header X-API-Key: (crm_\S+), role manager\)",
                         line)
    assert found, line
    caller = Dependencies(settings).authenticator.authenticate(ApiKeySecret(found.group(1)))
    assert caller.role is Role.MANAGER and caller.via == "api_key"
