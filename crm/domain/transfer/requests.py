"""What a caller asks of imports, exports and uploads, and what the job list answers."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from crm.domain.model import Model
from crm.domain.transfer.jobs import Job
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.mapping import ColumnMapping
from crm.domain.transfer.presets import PRESETS
from crm.domain.transfer.rows import RowError

PART_CHARACTERS = 200_000
MAX_PARTS = 250
INLINE_CHARACTERS = 200_000
FileName = Annotated[str, Field(min_length=1, max_length=200)]
Id = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")]


class UploadCreate(Model):
    model_config = ConfigDict(extra="forbid")

    file_name: FileName


class Upload(Model):
    """A file being uploaded in parts: send each with POST .../parts, in order, each up to ``part_characters``."""

    id: str
    file_name: str
    part_characters: int = PART_CHARACTERS
    max_parts: int = MAX_PARTS
    parts: int = 0
    characters: int = 0


class UploadPart(Model):
    model_config = ConfigDict(extra="forbid")

    index: Annotated[int, Field(ge=0, lt=MAX_PARTS, description="0 for the first part, then 1, 2, ...")]
    text: Annotated[str, Field(min_length=1, max_length=PART_CHARACTERS)]


class ImportRequest(Model):
    """An import: a file uploaded before (``upload_id``) or given inline (``content``, up to 200,000 characters),
    read as CSV or JSON Lines, mapped by a ``preset`` or a ``mapping`` (else by its headers)."""

    model_config = ConfigDict(extra="forbid")

    kind: TransferKind
    upload_id: Id | None = None
    content: Annotated[str, Field(max_length=INLINE_CHARACTERS)] | None = None
    file_name: FileName | None = None
    format: FileFormat | None = Field(None, description="Default: from the file's name (.jsonl), else csv")
    preset: Annotated[str, Field(description=f"One of: {', '.join(PRESETS)}")] | None = None
    mapping: ColumnMapping | None = None
    dry_run: bool = Field(False, description="Check every row and report its errors; write nothing")
    owner_id: Annotated[str, Field(min_length=1, max_length=128, description="Owner of new records whose row "
                                   "names none (default: the caller)")] | None = None

    @model_validator(mode="after")
    def _check(self) -> ImportRequest:
        if (self.upload_id is None) == (self.content is None):
            raise ValueError("give the file as upload_id (uploaded before) or as content, not both")
        if self.preset is not None and self.mapping is not None:
            raise ValueError("give a preset or a mapping, not both")
        if self.preset is not None and self.preset not in PRESETS:
            raise ValueError(f"no preset {self.preset!r}; presets: {', '.join(PRESETS)}")
        if self.preset is not None and PRESETS[self.preset].kind not in (None, self.kind):
            raise ValueError(f"preset {self.preset} imports {PRESETS[self.preset].kind}, not {self.kind.value}")
        return self

    def column_mapping(self) -> ColumnMapping:
        return (PRESETS[self.preset] if self.preset else self.mapping or ColumnMapping()).for_kind(self.kind)

    def file_format(self) -> FileFormat:
        return self.format or FileFormat.of_name(self.file_name or "")


class ImportPreview(Model):
    """The first rows of an import as they would go in: the file's headers, which field each fills, the headers
    nothing fills, and each row's values and errors."""

    headers: list[str]
    columns: dict[str, list[str]]
    unmapped: list[str]
    rows: list[dict[str, Any]]
    errors: list[dict[str, Any]]


class ExportRequest(Model):
    model_config = ConfigDict(extra="forbid")

    kind: TransferKind
    format: FileFormat = FileFormat.CSV
    filters: Annotated[dict[str, str], Field(description="The list's filters, as its query parameters "
                                                         "(search, status, tag, owner_id, order_by, ...)")] = {}


class JobsPage(Model):
    results: list[Job]


class JobErrors(Model):
    """A job's errors in line order; pass ``next_after`` as ``after`` for more."""

    results: list[RowError]
    next_after: int | None
