"""Writing responses: pydantic models as JSON, with the status and headers an operation calls for."""

from __future__ import annotations

from flask import Response
from pydantic import BaseModel


def json_response(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(model.model_dump_json(), status=status, headers=headers, mimetype="application/json")


def no_content() -> Response:
    return Response(status=204)
