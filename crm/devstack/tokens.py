"""Unsigned ID tokens in the Firebase Auth emulator's format, accepted only in local mode."""

from __future__ import annotations

import base64
import json
import time


def _segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def emulator_id_token(project_id: str, uid: str, *, role: str | None = None, email: str | None = None,
                      lifetime_seconds: int = 24 * 3600) -> str:
    now = int(time.time())
    claims = {
        "iss": f"https://securetoken.google.com/{project_id}",
        "aud": project_id,
        "auth_time": now,
        "user_id": uid,
        "sub": uid,
        "iat": now,
        "exp": now + lifetime_seconds,
        "firebase": {"identities": {}, "sign_in_provider": "custom"},
    }
    if email:
        claims["email"] = email
    if role:
        claims["role"] = role
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."
