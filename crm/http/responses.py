"""Writing responses: pydantic models as JSON, with the status and headers an operation calls for."""

from __future__ import annotations

from flask import Response
from pydantic import BaseModel

from crm.domain.common import Versioned


def json_response(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``model`` as JSON; a versioned record also gets its version as the ETag."""
    headers = dict(headers or {})
    if isinstance(model, Versioned):
        headers["ETag"] = f'"{model.version}"'
    return Response(model.model_dump_json(), status=status, headers=headers, mimetype="application/json")


def no_content() -> Response:
    return Response(status=204)
