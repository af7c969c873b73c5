"""A registry of operations: each route with the models it reads and writes, for Flask and for OpenAPI alike."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response
from pydantic import BaseModel

from crm.domain.access import Access
from crm.domain.common import DOCUMENT_ID_PATTERN
from crm.identity.api_keys import PREFIX_PATTERN

Handler = Callable[..., Response]


@dataclass(frozen=True)
class PathShape:
    """What a path parameter can be; a value of another shape names nothing, and is answered 404 before any read."""

    pattern: str
    max_length: int
    description: str

    def matches(self, value: str) -> bool:
        return len(value) <= self.max_length and re.match(self.pattern, value) is not None


RECORD_ID = PathShape(DOCUMENT_ID_PATTERN, 128, "A record's id: letters, digits, _ and -, not first; up to 128")
PATH_SHAPES: dict[str, PathShape] = {
    "prefix": PathShape(PREFIX_PATTERN, 8, "The API key's prefix: 8 hexadecimal digits"),
    "uid": PathShape(r"^[^/]{1,128}$", 128, "A Firebase Auth user's uid: 1-128 characters"),
}


def path_shape(name: str) -> PathShape | None:
    """The declared shape of path parameter ``name``: every ``*_id`` is a record id; others are named here."""
    return RECORD_ID if name.endswith("_id") else PATH_SHAPES.get(name)


@dataclass(frozen=True)
class Operation:
    """One endpoint; ``access`` (required unless ``public``) names what the caller's role must allow."""

    path: str
    method: str
    handler: Handler
    summary: str
    tag: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    public: bool = False
    errors: tuple[int, ...] = ()
    access: Access | None = None

    def __post_init__(self) -> None:
        if not self.public and self.access is None:
            raise TypeError(f"{self.method} {self.path}: a non-public operation must declare its access")
        if self.public and self.access is not None:
            raise TypeError(f"{self.method} {self.path}: a public operation needs no access")
        undeclared = [name for name in self.path_parameters if path_shape(name) is None]
        if undeclared:
            raise TypeError(f"{self.method} {self.path}: declare the shape of path parameters {undeclared} in "
                            "PATH_SHAPES")

    @property
    def endpoint(self) -> str:
        return self.handler.__name__

    @property
    def openapi_path(self) -> str:
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.path)

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.path)


@dataclass
class OperationRegistry:
    """The operations handler modules register with ``route``; reading ``operations`` (or building a blueprint)
    first imports every handler module listed in ``catalog``, so no reader ever sees a partial registry."""

    catalog: str = "crm.http.operations"
    registered: list[Operation] = field(default_factory=list)

    @property
    def operations(self) -> list[Operation]:
        importlib.import_module(self.catalog)
        return self.registered

    def route(
        self, path: str, method: str, *, summary: str, tag: str, **options: object
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.registered.append(Operation(path, method, handler, summary, tag, **options))  # type: ignore[arg-type]
            return handler

        return register

    def blueprint(self, name: str, wrap: Callable[[Operation], Handler] | None = None) -> Blueprint:
        """A blueprint serving every operation; ``wrap`` may put a decorator around an operation's handler."""
        blueprint = Blueprint(name, __name__)
        for op in self.operations:
            handler = wrap(op) if wrap else op.handler
            blueprint.add_url_rule(op.path, op.endpoint, handler, methods=[op.method], strict_slashes=False)
        return blueprint

    def find(self, endpoint: str) -> Operation | None:
        return next((op for op in self.operations if op.endpoint == endpoint), None)


api = OperationRegistry()
