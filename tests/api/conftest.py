from __future__ import annotations

import dataclasses

import pytest
from flask import Flask
from flask.testing import FlaskClient

from crm.devstack.tokens import emulator_id_token
from crm.http import create_app
from crm.http.dependencies import Dependencies
from crm.settings import Settings

_apps: dict[Settings, Flask] = {}


@pytest.fixture
def app(settings: Settings) -> Flask:
    """The app, with this test's dependencies (its own collection prefix, its own caches).

    Making an app compiles every route, a tenth of a second; an app is made once per session for each settings
    that differ in more than the collection prefix, and each test gets fresh dependencies in it.
    """
    shared = dataclasses.replace(settings, collection_prefix="")
    if shared not in _apps:
        _apps[shared] = create_app(shared)
    made = _apps[shared]
    made.extensions["crm"] = Dependencies(settings)
    return made


@pytest.fixture
def anonymous(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token_for(settings: Settings):
    def make(uid: str = "user-1", role: str = "admin", email: str | None = None) -> str:
        return emulator_id_token(settings.project_id, uid, role=role, email=email)

    return make


@pytest.fixture
def as_user(app, token_for):
    """A client signed in as ``uid`` with ``role``."""

    def make(uid: str, role: str) -> FlaskClient:
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for(uid, role)}"
        return client

    return make


@pytest.fixture
def client(app, token_for) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for()}"
    return client
