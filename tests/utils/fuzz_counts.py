"""How many requests the property runs sent, by status: counted by each test process, added up by the process that
prints the summary (with several workers, each sends its own at the end)."""

from __future__ import annotations

from collections import Counter

FUZZ_STATUSES: Counter[int] = Counter()
