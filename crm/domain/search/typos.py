"""One-typo matching by deletion neighbourhoods: two keys one typo apart share a key with one letter deleted.

A word stores its key and every key one deletion away; a search looks up the same set for its term. They meet
when the two keys differ by one insertion, deletion or substitution, by two swapped neighbours, or by one letter
moved ('papadopolous' and 'papadopoulos' both give 'papadopolos'): exactly when deleting at most one letter
from each leaves the same string. ``rapidfuzz`` checks that in memory and measures how far apart two keys are.
"""

from __future__ import annotations

TYPO_MIN_LETTERS = 5
TYPO_MIN_KEY = 4


def deletion_keys(key: str) -> set[str]:
    """``key`` and every string one deletion away from it."""
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def forgives_typos(word: str, key: str) -> bool:
    """Whether a word of this length (and its phonetic key) is long enough to be matched despite a typo."""
    return len(word) >= TYPO_MIN_LETTERS and len(key) >= TYPO_MIN_KEY


def one_typo_apart(a: str, b: str) -> bool:
    """Whether deleting at most one letter from each of ``a`` and ``b`` leaves the same string."""
    from rapidfuzz.distance import LCSseq  # the search path's only user; kept off the cold-start path

    return LCSseq.similarity(a, b) >= max(len(a), len(b)) - 1


def typo_distance(a: str, b: str) -> int:
    """Edits between two keys (a swap of neighbours counts one), to rank approximate matches."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)
