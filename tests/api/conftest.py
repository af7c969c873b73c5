from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from crm.devstack.tokens import emulator_id_token
from crm.http import create_app
from crm.settings import Settings


@pytest.fixture
def app(settings: Settings):
    return create_app(settings)


@pytest.fixture
def anonymous(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token_for(settings: Settings):
    def make(uid: str = "user-1", role: str = "admin", email: str | None = None) -> str:
        return emulator_id_token(settings.project_id, uid, role=role, email=email)

    return make


@pytest.fixture
def client(app, token_for) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for()}"
    return client
