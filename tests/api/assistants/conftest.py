from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.utils.mcp_clients import served


@pytest.fixture
def mcp_url(app) -> Iterator[str]:
    """The MCP endpoint of the app, on a real HTTP server on a free port."""
    with served(app) as base:
        yield f"{base}/api/mcp"
