"""A phonetic key per word, so spellings of one name meet: Greek and Latin script, Greek spelling equivalences.

'Παπαδόπουλος', 'papadopoulos' and 'Papadopoulos' share the key 'papadopoulos'; 'Καραγιάννης', 'Καραγιανης',
'karagiannis' and 'Karayannis' share 'karagianis'. Greek is transliterated as Greeks write their names in Latin
(ELOT 743 and passport practice: ου -> ou, μπ -> b, ντ -> d, γγ -> g, αυ -> av/af), with the letters that sound
alike merged (ι, η, υ, ει, οι -> i; ο, ω -> o; ε, αι -> e); Latin spellings then go through the same merges
(c -> k, ch -> h, y -> i, mp -> b, nt -> d, ...), and doubled letters become one.

General transliteration libraries follow classical conventions (η -> e, υ -> y, ευ -> eu) that do not meet the way
Greek names are written in Latin, so Greek has its own table here; other scripts go through ``anyascii``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOICELESS = set("θκξπστφχψ")
_GREEK_PAIRS = {
    "ου": "ou", "αι": "e", "ει": "i", "οι": "i", "υι": "i",
    "μπ": "b", "ντ": "d", "γγ": "g", "γκ": "g",
}
_GREEK_U_DIPHTHONGS = {"αυ": "a", "ευ": "e", "ηυ": "i"}
_GREEK_LETTERS = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "i", "φ": "f", "χ": "h", "ψ": "ps", "ω": "o",
}
_LATIN_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ph", "f"), (r"[kc]h", "h"), (r"ck", "k"), (r"[cq]", "k"), (r"ks", "x"),
        (r"y(?=[aeiou])", "gi"), (r"y", "i"),
        (r"([ae])u(?=[ptkfsxh]|$)", r"\1f"), (r"([ae])u", r"\1v"),
        (r"ai", "e"), (r"[eou]i", "i"),
        (r"m[pb]", "b"), (r"n[td]", "d"), (r"(?:gk|ng|nk)", "g"),
        (r"(.)\1+", r"\1"),
    )
]


@lru_cache(maxsize=4096)
def phonetic_key(word: str) -> str:
    """The phonetic key of one folded word (lower case, no accents: see ``crm.domain.search_tokens.fold``).

    Digits are kept as they are; letters of scripts other than Latin and Greek are transliterated to ASCII.
    """
    latin = _greek_to_latin(word)
    if not latin.isascii():
        from anyascii import anyascii  # only words in other scripts pay for the import

        latin = anyascii(latin).lower()
    latin = "".join(ch for ch in latin if ch.isalnum())
    for pattern, replacement in _LATIN_RULES:
        latin = pattern.sub(replacement, latin)
    return latin


def spelling_key(word: str) -> str:
    """A folded word as written: the key its typos are also measured against, since a phonetic key can turn one
    typo into two edits ('karagainni' has 'ai', which sounds like 'e'; 'ppaanikolaou' loses two doubled letters)."""
    return word


def _greek_to_latin(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _GREEK_U_DIPHTHONGS:
            following = word[i + 2 : i + 3]
            out.append(_GREEK_U_DIPHTHONGS[pair] + ("f" if not following or following in _VOICELESS else "v"))
            i += 2
        elif pair in _GREEK_PAIRS:
            out.append(_GREEK_PAIRS[pair])
            i += 2
        else:
            out.append(_GREEK_LETTERS.get(word[i], word[i]))
            i += 1
    return "".join(out)
