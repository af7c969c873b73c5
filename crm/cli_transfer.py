"""`crm import` and `crm export`: files in and out from an operator's machine, with a progress bar (rate and time
left), a summary at the end, and an import that resumes from its checkpoint after an interruption."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from crm.domain.access import SYSTEM
from crm.domain.common import utc_now
from crm.domain.transfer.jobs import Job, JobCheckpoint, JobProgress, JobStatus, JobType
from crm.domain.transfer.kinds import FileFormat, TransferKind
from crm.domain.transfer.mapping import ColumnMapping
from crm.domain.transfer.presets import PRESETS
from crm.domain.transfer.reading import read_rows
from crm.domain.transfer.rows import RowError
from crm.errors import CrmError
from crm.jobs.wiring import transfer_services
from crm.services.transfer.exporting import export_pages
from crm.services.transfer.importing import DEFAULT_BATCH, DEFAULT_WORKERS, BatchResult, ImportPlan, import_rows
from crm.services.transfer.jobs import list_params
from crm.settings import get_settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.paging import count_matches

SHOWN_ERRORS = 20


def add_commands(sub: argparse._SubParsersAction) -> None:
    kinds = [k.value for k in TransferKind]
    importing = sub.add_parser("import", help="import records from a CSV or JSON Lines file")
    importing.add_argument("kind", choices=kinds)
    importing.add_argument("path", type=Path)
    importing.add_argument("--preset", choices=sorted(PRESETS))
    importing.add_argument("--mapping", type=Path, help="a JSON column mapping (see the README)")
    importing.add_argument("--format", choices=[f.value for f in FileFormat], help="default: by the file's name")
    importing.add_argument("--dry-run", action="store_true", help="check every row and report; write nothing")
    importing.add_argument("--resume", action="store_true", help="go on from where an interrupted run stopped")
    importing.add_argument("--owner", help="owner (uid) of new records whose row names none (default: system)")
    importing.add_argument("--batch-size", type=int, default=DEFAULT_BATCH, help="rows a transaction")
    importing.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="batches applied at once")
    importing.set_defaults(run=cmd_import)
    exporting = sub.add_parser("export", help="export records to a CSV or JSON Lines file")
    exporting.add_argument("kind", choices=kinds)
    exporting.add_argument("path", type=Path)
    exporting.add_argument("--format", choices=[f.value for f in FileFormat], help="default: by the file's name")
    exporting.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE",
                           help="a list filter, as its query parameter (status=lead, tag=vip, order_by=name, ...)")
    exporting.set_defaults(run=cmd_export)


def _mapping(args: argparse.Namespace, kind: TransferKind) -> ColumnMapping:
    if args.preset:
        return PRESETS[args.preset].for_kind(kind)
    if args.mapping:
        return ColumnMapping.model_validate(json.loads(args.mapping.read_text())).for_kind(kind)
    return ColumnMapping().for_kind(kind)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open(path: Path):  # noqa: ANN202 (a text file)
    return path.open(encoding="utf-8-sig", newline="")


def cmd_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    kind = TransferKind(args.kind)
    file_format = FileFormat(args.format) if args.format else FileFormat.of_name(args.path.name)
    try:
        mapping = _mapping(args, kind)
    except (ValueError, OSError) as exc:
        print(f"the mapping cannot be used: {exc}", file=sys.stderr)
        return 2
    settings = get_settings()
    services = transfer_services(settings, local_runner=False)
    job_id = "cli-" + hashlib.sha256("|".join([kind.value, _fingerprint(args.path), mapping.model_dump_json(),
                                               str(args.dry_run)]).encode()).hexdigest()[:24]
    existing = services.jobs.get(job_id)
    after, progress = 0, JobProgress()
    if args.resume and existing is not None:
        if existing.status is JobStatus.SUCCEEDED:
            print(f"this import of {args.path} finished already ({_counts(existing.progress.counts)}); "
                  "nothing to do")
            return 0
        after = int(services.jobs.internal(job_id).get("checkpoint", {}).get("line", 0))
        progress = existing.progress
    with _open(args.path) as text:
        total = sum(1 for _ in read_rows(text, file_format)[1])
    now = utc_now()
    job = Job(id=job_id, type=JobType.IMPORT, kind=kind, status=JobStatus.RUNNING, dry_run=args.dry_run,
              created_by=SYSTEM.uid, created_at=now, updated_at=now, file_name=args.path.name, format=file_format,
              params={"preset": args.preset, "mapping": mapping.model_dump(mode="json"), "owner_id": args.owner},
              progress=progress.model_copy(update={"total": total}))
    if after == 0:
        services.jobs.restart(job_id, job, {"caller": SYSTEM.model_dump(mode="json"), "plan": {"file": str(args.path)},
                                            "checkpoint": JobCheckpoint().model_dump()})
    plan = ImportPlan(kind=kind, mapping=mapping, dry_run=args.dry_run, owner_id=args.owner,
                      default_language=settings.default_language, phone_region=settings.default_phone_region,
                      batch_size=args.batch_size, workers=args.workers)
    errors_path = args.path.with_name(args.path.name + ".errors.csv")
    started = time.monotonic()
    counts = dict(progress.counts)
    before = sum(counts.values())
    label = "checking" if args.dry_run else "importing"
    with _open(args.path) as text, tqdm(total=total, initial=sum(counts.values()), unit="row", desc=label,
                                        smoothing=0.1) as bar, _ErrorFile(errors_path) as error_file:
        headers, rows = read_rows(text, file_format)

        def saved(batch: BatchResult) -> None:
            nonlocal progress
            for what, n in batch.counts.items():
                counts[what] = counts.get(what, 0) + n
            progress = progress.model_copy(update={"done": sum(counts.values()), "counts": dict(counts),
                                                   "total": total})
            services.jobs.save_progress(job_id, progress, JobCheckpoint(line=batch.last_line), batch.errors)
            error_file.write(batch.errors)
            bar.update(sum(batch.counts.values()))
            bar.set_postfix({k: v for k, v in counts.items()}, refresh=False)

        try:
            import_rows(services.transactions, headers, rows, plan, SYSTEM, after_line=after, on_batch=saved)
        except CrmError as exc:
            print(f"import refused: {exc.message}", file=sys.stderr)
            return 2
    seconds = time.monotonic() - started
    services.jobs.finish(job.model_copy(update={"status": JobStatus.SUCCEEDED, "finished_at": utc_now(),
                                                "progress": progress}))
    rate = (sum(counts.values()) - before) / seconds if seconds else 0.0
    resumed = f" (resumed after line {after})" if after else ""
    dry = " (a dry run: nothing was written)" if args.dry_run else ""
    print(f"{total} rows{resumed}{dry}: {_counts(counts)}, in {seconds:.1f} s ({rate:,.0f} rows/s)")
    if counts.get("failed"):
        for error in services.jobs.errors(job_id, 0, SHOWN_ERRORS):
            column = f" [{error.column}]" if error.column else ""
            print(f"  line {error.line}: {error.field or 'row'}{column}: {error.message}")
        print(f"every row's errors: {errors_path}")
    return 1 if counts.get("failed") else 0


def _counts(counts: dict[str, int]) -> str:
    order = ["created", "updated", "unchanged", "failed"]
    return ", ".join(f"{counts.get(k, 0)} {k}" for k in order if counts.get(k) or k != "failed") or "nothing"


class _ErrorFile:
    """Every row error of the run, as CSV next to the input (only if there is one)."""

    def __init__(self, path: Path):
        self._path = path
        self._handle: TextIO | None = None
        self._writer: Any = None

    def __enter__(self) -> _ErrorFile:
        self._path.unlink(missing_ok=True)
        return self

    def write(self, errors: list[RowError]) -> None:
        if not errors:
            return
        if self._writer is None:
            self._handle = self._path.open("w", newline="", encoding="utf-8")
            self._writer = csv.writer(self._handle)
            self._writer.writerow(["line", "field", "column", "message"])
        for error in errors:
            self._writer.writerow([error.line, error.field or "", error.column or "", error.message])

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()


def cmd_export(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    kind = TransferKind(args.kind)
    file_format = FileFormat(args.format) if args.format else FileFormat.of_name(args.path.name)
    filters = dict(f.split("=", 1) for f in args.filter if "=" in f)
    settings = get_settings()
    services = transfer_services(settings, local_runner=False)
    try:
        params = list_params(kind, filters)
    except CrmError as exc:
        print(f"{exc.message}: {exc.details}", file=sys.stderr)
        return 2
    total = _count(settings, kind)
    started = time.monotonic()
    written = 0
    with args.path.open("w", encoding="utf-8", newline="") as out, tqdm(total=total, unit="record",
                                                                         desc="exporting") as bar:
        for page in export_pages(services.streams[kind], kind, file_format, params):
            out.write(page.text)
            written += page.records
            bar.update(page.records)
    seconds = time.monotonic() - started
    print(f"{written} {kind.value} written to {args.path} in {seconds:.1f} s "
          f"({written / seconds if seconds else 0:,.0f} records/s)")
    return 0


def _count(settings, kind: TransferKind) -> int | None:  # noqa: ANN001
    """How many records the kind has in all (the bar's length; a filtered export ends sooner)."""
    names = CollectionNames(settings.collection_prefix)
    collection = {TransferKind.CUSTOMERS: names.customers, TransferKind.DEALS: names.deals,
                  TransferKind.ORDERS: names.orders, TransferKind.ACTIVITIES: names.activities}.get(kind)
    return count_matches(firestore_client(settings).collection(collection)) if collection else None
