"""Column mappings: which column of a file (or key of a JSON Lines object) fills which field of a record.

A mapping file is JSON::

    {"kind": "customers", "source": "legacy-crm",
     "columns": {"Full name": "name", "E-mail": "email", "Labels": "tags", "Legacy ID": "external_id"},
     "values": {"status": {"Active": "customer", "Trial": "prospect"}},
     "defaults": {"source": "referral"},
     "list_separator": ";"}

``columns`` maps a header to a target (headers are matched ignoring case and repeated spaces; several headers may
fill one target: the first non-empty wins); ``values`` rewrites a target's values (matched ignoring case);
``defaults`` fills targets a row leaves empty; ``source`` names the system whose ids ``external_id`` holds.
Without a mapping, a header that names a target (``email``, ``Name``) fills it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from crm.domain.model import Model
from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.targets import TARGETS

SourceName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                                              pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
Header = Annotated[str, StringConstraints(min_length=1, max_length=200)]
MAX_COLUMNS = 200
DEFAULT_SOURCE = "import"
_SPACES = re.compile(r"\s+")


def header_key(header: str) -> str:
    """A header as it is matched: trimmed, lower-cased, runs of spaces as one, a byte-order mark dropped."""
    return _SPACES.sub(" ", header.replace("\ufeff", "").strip()).casefold()


class ColumnMapping(Model):
    """How the columns of a file fill a kind's import fields (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid")

    kind: TransferKind | None = None
    source: SourceName = DEFAULT_SOURCE
    columns: Annotated[dict[Header, str], Field(max_length=MAX_COLUMNS)] = {}
    values: dict[str, dict[str, str]] = {}
    defaults: dict[str, str] = {}
    list_separator: Annotated[str, StringConstraints(min_length=1, max_length=3)] = ";"

    @model_validator(mode="after")
    def _known_targets(self) -> ColumnMapping:
        if self.kind is not None:
            known = TARGETS[self.kind]
            for where, names in (("columns", self.columns.values()), ("values", self.values),
                                 ("defaults", self.defaults)):
                unknown = sorted(set(names) - set(known))
                if unknown:
                    raise ValueError(f"{where} names fields {self.kind.value} imports do not have: "
                                     f"{', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return self

    def for_kind(self, kind: TransferKind) -> ColumnMapping:
        """This mapping checked against ``kind``'s fields."""
        return ColumnMapping.model_validate({**self.model_dump(), "kind": kind})


def resolve_columns(mapping: ColumnMapping, kind: TransferKind, headers: list[str]) -> dict[str, list[str]]:
    """Which of ``headers`` fill each target, in order of preference: the mapping's, else a header named as the
    target itself. Headers nothing maps are left out (and reported by ``unmapped_headers``)."""
    by_key = {header_key(h): h for h in headers}
    chosen: dict[str, list[str]] = {}
    if mapping.columns:
        for header, target in mapping.columns.items():
            found = by_key.get(header_key(header))
            if found is not None:
                chosen.setdefault(target, []).append(found)
    else:
        for target in TARGETS[kind]:
            found = by_key.get(header_key(target))
            if found is not None:
                chosen[target] = [found]
    return chosen


def unmapped_headers(columns: dict[str, list[str]], headers: list[str]) -> list[str]:
    used = {h for found in columns.values() for h in found}
    return [h for h in headers if h not in used and h.strip()]


def mapped_values(raw: dict[str, Any], columns: dict[str, list[str]], mapping: ColumnMapping) -> dict[str, Any]:
    """A row's values by target: the first non-empty of its columns, rewritten by ``values``, and the defaults for
    targets left empty."""
    values: dict[str, Any] = {}
    for target, headers in columns.items():
        for header in headers:
            value = raw.get(header)
            if isinstance(value, str):
                value = value.strip()
            if value not in (None, "", []):
                values[target] = _rewritten(mapping, target, value)
                break
    for target, value in mapping.defaults.items():
        values.setdefault(target, value)
    return values


def _rewritten(mapping: ColumnMapping, target: str, value: Any) -> Any:
    table = mapping.values.get(target)
    if not table or not isinstance(value, str):
        return value
    folded = {k.casefold(): v for k, v in table.items()}
    return folded.get(value.casefold(), value)
