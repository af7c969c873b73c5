"""Link codes: what makes two the same, and codes drawn at random. Plain Python: the redirect imports it."""

from __future__ import annotations

import secrets

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$"
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed without mistakes
GENERATED_CODE_LENGTH = 8


def code_key(code: str) -> str:
    """What makes two codes the same one."""
    return code.strip().casefold()


def generated_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(GENERATED_CODE_LENGTH))
