"""Document ids as Firestore's client makes them (20 letters and digits, uniformly drawn from the system's random
source), from one read of that source instead of the client's one per character: every write of a record makes
two or three (the record, its audit entry, its webhook event)."""

from __future__ import annotations

import os
import string

ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits
LENGTH = 20
_UNBIASED = 256 - 256 % len(ALPHABET)  # bytes at or above this would favour the first characters: drawn again


def new_document_id() -> str:
    chosen: list[str] = []
    while len(chosen) < LENGTH:
        chosen += [ALPHABET[byte % len(ALPHABET)] for byte in os.urandom(2 * LENGTH) if byte < _UNBIASED]
    return "".join(chosen[:LENGTH])
