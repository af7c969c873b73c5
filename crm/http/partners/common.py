"""What the programme's handlers share: the readers, and refusing an Idempotency-Key where a response holds a
secret that must never be stored."""

from __future__ import annotations

from flask import request

from crm.errors import InvalidArgumentError
from crm.http.dependencies import deps
from crm.http.idempotency import HEADER
from crm.store.partners.readers import PartnerReaders


def readers() -> PartnerReaders:
    return deps().partner_programme


def refuse_idempotency_key() -> None:
    """A replay would serve the secret from the stored response: secrets are never stored.

    Raises:
        InvalidArgumentError: the request carries an Idempotency-Key.
    """
    if HEADER in request.headers:
        raise InvalidArgumentError(f"{HEADER} is not taken here: the response holds a secret that is never stored",
                                   [{"field": HEADER, "message": "not accepted on this endpoint"}])
