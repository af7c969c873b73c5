"""What every benchmark shares: its own emulator, stopped however the run ends, and one JSON line at the end."""

from __future__ import annotations

import json
import signal
from argparse import Namespace
from collections.abc import Callable
from typing import Any

from crm.devstack.emulator import FirestoreEmulator

warnings: list[str] = []


def warn(message: str) -> None:
    """Report something a reader of the figures must know (a disagreement, unstable counts)."""
    warnings.append(message)
    print(f"WARNING: {message}", flush=True)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def run_on_emulator(run: Callable[[Namespace, str], dict[str, Any]], args: Namespace) -> int:
    """Start an emulator, call ``run(args, address)``, stop the emulator, print the result as the last line."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    emulator = FirestoreEmulator()
    print(f"Starting the Firestore emulator on {emulator.address} ...", flush=True)
    with emulator:
        result = run(args, emulator.address)
    print(flush=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0
