"""ID tokens signed as Firebase signs them (RS256, with a key id), and the certificates that check them, served to
firebase-admin at the HTTP-transport boundary in place of Google's public key endpoint."""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Callable

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

GOOGLE_KEYS_HOST = "www.googleapis.com"
KEY_ID = "test-signing-key"


class SigningKey:
    """An RSA key pair and its self-signed certificate, as Google publishes them for ID tokens."""

    def __init__(self) -> None:
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "securetoken.system.gserviceaccount.com")])
        now = datetime.datetime.now(datetime.UTC)
        certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                       .public_key(self._key.public_key()).serial_number(x509.random_serial_number())
                       .not_valid_before(now - datetime.timedelta(days=1))
                       .not_valid_after(now + datetime.timedelta(days=1)).sign(self._key, hashes.SHA256()))
        self.certificates = {KEY_ID: certificate.public_bytes(serialization.Encoding.PEM).decode()}

    def id_token(self, project_id: str, uid: str, **claims: object) -> str:
        now = int(time.time())
        payload = {"iss": f"https://securetoken.google.com/{project_id}", "aud": project_id, "sub": uid,
                   "user_id": uid, "auth_time": now, "iat": now, "exp": now + 3600, **claims}
        pem = self._key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption())
        return jwt.encode(crypt.RSASigner.from_string(pem, key_id=KEY_ID), payload).decode()


Transport = Callable[[requests.PreparedRequest], requests.Response]


def serving(certificates: dict[str, str]) -> Transport:
    """A transport that answers Google's public key endpoint with ``certificates`` and refuses every other host."""

    def send(request: requests.PreparedRequest) -> requests.Response:
        if GOOGLE_KEYS_HOST not in (request.url or ""):
            raise requests.ConnectionError(f"no network in tests: {request.url}")
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        response.headers["Cache-Control"] = "public, max-age=3600"
        response._content = json.dumps(certificates).encode()
        response.url = request.url or ""
        response.request = request
        return response

    return send


def unreachable(request: requests.PreparedRequest) -> requests.Response:
    """A transport for a network where Google's key endpoint cannot be reached."""
    raise requests.ConnectionError(f"connection refused: {request.url}")
