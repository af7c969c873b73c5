"""Exporting: the records a list's filters match, streamed a page at a time (memory stays flat whatever their
number) and written as CSV or JSON Lines, resumable from the cursor after any page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crm.domain import access
from crm.domain.transfer.exports import ExportEncoder
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.identity import Caller
from crm.services.transfer.ports import RecordStream

PAGE_SIZE = 500


@dataclass
class ExportPage:
    text: str
    records: int
    cursor: str | None


def scoped(params: Any, caller: Caller) -> Any:
    """The list's parameters as the caller may ask them: a rep's export holds only their own records.

    Raises:
        PermissionDeniedError: a rep asked for another owner's records.
    """
    return params.model_copy(update={"owner_id": access.list_owner(caller, params.owner_id)})


def export_pages(stream: RecordStream, kind: TransferKind, file_format: FileFormat, params: Any, *,
                 after: str | None = None, page_size: int = PAGE_SIZE, header: bool = True,
                 stop: Callable[[], bool] | None = None) -> Any:
    """The export's text a page at a time (the CSV header with the first), each with the cursor after it; ends when
    the records do, or when ``stop`` says so between pages."""
    encoder = ExportEncoder(kind, file_format)
    cursor = after
    first = header
    while True:
        records, cursor = stream.page(params, cursor, page_size)
        text = (encoder.header() if first else "") + encoder.encode(records)
        first = False
        yield ExportPage(text, len(records), cursor)
        if cursor is None or (stop is not None and stop()):
            return
