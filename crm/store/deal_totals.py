"""Deal totals in Firestore (see crm.domain.deal_totals): written with server-side increments in the transaction of
each deal write, read back for reports, and rebuilt from the deals when they need repair.

Per pipeline, ``deal_totals/{pipeline_id}`` holds the projections that do not grow with time (by stage, by status)
and ``deal_totals/{pipeline_id}/deal_totals_by_year/{YYYY}`` the monthly ones for the months of that year. Each
projection is a top-level map: ``stage_month.<stage>.<month>.<currency> = {n, value_cents, expected_cents}``.
Keys are escaped into plain identifiers (``field_key``), so stage ids, owner ids and months never need quoting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.field_path import FieldPath

from crm.domain.deal_reports import DealSlice, Tally
from crm.domain.deal_totals import Cell, Cells, Projection, Totals, change
from crm.domain.deals import Deal
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.deals import deal_from_snapshot
from crm.store.unit_of_work import UnitOfWork

MAIN_PROJECTIONS = tuple(p for p in Projection if not p.monthly)
YEARLY_PROJECTIONS = tuple(p for p in Projection if p.monthly)
NO_OWNER = "_none"
PAGE_SIZE = 500
BATCH_WRITES = 400
_ESCAPED = re.compile(r"_([0-9a-f]{2})")

DocumentKey = tuple[str, str | None]  # (pipeline id, year or None for the main document)


# ---------------------------------------------------------------- keys and layout


def field_key(value: str | None) -> str:
    """A value as a map key that is a plain identifier: ``k`` and the value with every character but ASCII letters
    and digits written as ``_`` and two hex digits per UTF-8 byte (``closed_won`` -> ``kclosed_5fwon``); None
    (no owner) is ``_none``. Distinct values give distinct keys."""
    if value is None:
        return NO_OWNER
    return "k" + "".join(c if c.isascii() and c.isalnum() else "".join(f"_{b:02x}" for b in c.encode()) for c in value)


def value_of(key: str) -> str | None:
    """The value ``field_key`` encoded."""
    if key == NO_OWNER:
        return None
    text = key[1:]
    raw, at = bytearray(), 0
    for match in _ESCAPED.finditer(text):
        raw += text[at : match.start()].encode() + bytes([int(match.group(1), 16)])
        at = match.end()
    return (raw + text[at:].encode()).decode()


def documents_of(cells: Mapping[Cell, Tally]) -> dict[DocumentKey, dict[str, Any]]:
    """Cells laid out as the documents that hold them: nested maps ending in {n, value_cents, expected_cents}."""
    documents: dict[DocumentKey, dict[str, Any]] = {}
    for cell, tally in cells.items():
        node = documents.setdefault((cell.pipeline_id, cell.month[:4] if cell.month else None), {})
        path = [cell.projection.value, *map(field_key, cell.keys)]
        path += [field_key(cell.month)] if cell.month else []
        for key in path:
            node = node.setdefault(key, {})
        node[field_key(cell.currency)] = {"n": tally.count, "value_cents": tally.value_cents,
                                          "expected_cents": tally.weighted_cents}
    return documents


def cells_of(pipeline_id: str, data: Mapping[str, Any]) -> Cells:
    """The cells a stored totals document holds (main or yearly: each knows its projections)."""
    cells: Cells = {}
    for projection in Projection:
        depth = len(projection.keys) + projection.monthly + 1
        for path, leaf in _leaves(data.get(projection.value, {}), depth):
            keys = tuple(value_of(k) for k in path[: len(projection.keys)])
            month = value_of(path[-2]) if projection.monthly else None
            currency = value_of(path[-1]) or ""
            tally = Tally(int(leaf.get("n", 0)), int(leaf.get("value_cents", 0)), int(leaf.get("expected_cents", 0)))
            cells[Cell(pipeline_id, projection, keys, currency, month)] = tally
    return cells


def _leaves(node: Mapping[str, Any], depth: int) -> Iterator[tuple[list[str], Mapping[str, Any]]]:
    if depth == 0:
        yield [], node
        return
    for key, child in node.items():
        for path, leaf in _leaves(child, depth - 1):
            yield [key, *path], leaf


# ---------------------------------------------------------------- writing in a transaction


class StagedIncrements:
    """Server-side increments for one unit of work, one blind merge write per document however many changes.

    The first change to a document stages its write with a dict that later changes keep adding to: the unit of
    work applies its writes only when the work returns, so the write carries the sum. A batch move of a hundred
    deals thus writes each totals document once, and nothing is read, so deal writes never wait on each other here.
    """

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._staged: dict[str, dict[str, Any]] = {}

    def add(self, ref: firestore.DocumentReference, amounts: Mapping[str, Any]) -> None:
        if not amounts:
            return
        if ref.path not in self._staged:
            self._staged[ref.path] = {}
            self._uow.set(ref, self._staged[ref.path], merge=True)
        _add_increments(self._staged[ref.path], amounts)


def _add_increments(data: dict[str, Any], amounts: Mapping[str, Any]) -> None:
    for key, amount in amounts.items():
        if isinstance(amount, Mapping):
            _add_increments(data.setdefault(key, {}), amount)
        else:
            held = data.get(key)
            data[key] = firestore.Increment((held.value if held is not None else 0) + amount)


class TxDealTotals:
    def __init__(self, uow: UnitOfWork, staged: StagedIncrements):
        self._staged = staged
        self._refs = _References(uow.collection(uow.names.deal_totals), uow.names)

    def record(self, before: Deal | None, after: Deal | None) -> None:
        """Add what the change from ``before`` to ``after`` makes to the totals (no write if nothing)."""
        for (pipeline_id, year), amounts in documents_of(change(before, after)).items():
            self._staged.add(self._refs.document(pipeline_id, year), amounts)


class _References:
    def __init__(self, main: firestore.CollectionReference, names: CollectionNames):
        self.main = main
        self.by_year = names.deal_totals_by_year

    def document(self, pipeline_id: str, year: str | None) -> firestore.DocumentReference:
        ref = self.main.document(pipeline_id)
        return ref.collection(self.by_year).document(year) if year else ref


# ---------------------------------------------------------------- reading, and replacing from the deals


class FirestoreDealTotals:
    """Reads the totals a set of slices needs (one read per document), streams deals for a rebuild, replaces all."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._db = db
        self._names = names
        self._refs = _References(db.collection(names.deal_totals), names)

    def for_slices(self, slices: Iterable[DealSlice]) -> Totals:
        """The documents the slices need: each named pipeline's main document and the years of the months asked
        for; a slice of every pipeline streams the main documents (one read each)."""
        wanted: set[DocumentKey] = set()
        everywhere: set[str | None] = set()
        for deal_slice in slices:
            months = deal_slice.expected_close_months + deal_slice.closed_months
            years: set[str | None] = {m[:4] for m in months} or {None}
            if deal_slice.pipeline_id is None:
                everywhere |= years
            else:
                wanted |= {(deal_slice.pipeline_id, year) for year in years}
        cells: Cells = {}
        if everywhere:
            snapshots = list(self._refs.main.stream())
            read_meter.record_documents(len(snapshots))
            for snapshot in snapshots:
                cells.update(cells_of(snapshot.id, snapshot.to_dict() or {}))
                wanted |= {(snapshot.id, year) for year in everywhere if year}
            wanted -= {(s.id, None) for s in snapshots}
        refs = [self._refs.document(pipeline_id, year) for pipeline_id, year in sorted(wanted, key=str)]
        if refs:
            for snapshot in self._db.get_all(refs):
                if snapshot.exists:
                    cells.update(cells_of(_pipeline_of(snapshot.reference), snapshot.to_dict() or {}))
            read_meter.record_lookups(len(refs))
        return Totals(cells)

    def stored(self) -> Cells:
        """Every stored cell of every pipeline, zero ones included (for checks and tests)."""
        cells: Cells = {}
        refs = self._all_documents()
        for snapshot in self._db.get_all(refs) if refs else ():
            if snapshot.exists:
                cells.update(cells_of(_pipeline_of(snapshot.reference), snapshot.to_dict() or {}))
        read_meter.record_lookups(len(refs))
        return cells

    def deals(self, page_size: int = PAGE_SIZE) -> Iterator[Deal]:
        """Every deal, in pages of ``page_size`` ordered by id."""
        query = self._db.collection(self._names.deals).order_by(FieldPath.document_id()).limit(page_size)
        last = None
        while True:
            page = list((query.start_after(last) if last else query).stream())
            read_meter.record_documents(len(page))
            yield from (deal_from_snapshot(s) for s in page)
            if len(page) < page_size:
                return
            last = page[-1]

    def replace(self, cells: Mapping[Cell, Tally]) -> int:
        """Make the stored totals exactly ``cells``: write their documents whole, delete every other totals
        document. Not atomic: run it while deals are not being written. Returns how many documents it wrote."""
        documents = {self._refs.document(pipeline_id, year): data
                     for (pipeline_id, year), data in documents_of(cells).items()}
        kept = {ref.path for ref in documents}
        stale = [ref for ref in self._all_documents() if ref.path not in kept]
        for ref, data in documents.items():
            ref.set(data)  # one write each: a document may be large, a batch is limited to 10 MiB
        for start in range(0, len(stale), BATCH_WRITES):
            batch = self._db.batch()
            for ref in stale[start : start + BATCH_WRITES]:
                batch.delete(ref)
            batch.commit()
        return len(documents)

    def _all_documents(self) -> list[firestore.DocumentReference]:
        """Every totals document, the main ones listed even where only their yearly ones exist."""
        refs = []
        for main in self._refs.main.list_documents():
            refs.append(main)
            refs.extend(main.collection(self._refs.by_year).list_documents())
        return refs


def _pipeline_of(ref: firestore.DocumentReference) -> str:
    parent = ref.parent.parent
    return parent.id if parent is not None else ref.id
