"""Uploads: a file to import, sent in parts of up to 200,000 characters (each one request under the body limit)."""

from __future__ import annotations

from crm.domain.transfer.requests import MAX_PARTS, Upload, UploadCreate, UploadPart
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.transfer.jobs import TransferServices


def create_upload(services: TransferServices, data: UploadCreate, caller: Caller) -> Upload:
    upload_id = services.files.new_id()
    services.files.create(upload_id, caller.uid, data.file_name)
    return Upload(id=upload_id, file_name=data.file_name)


def add_part(services: TransferServices, upload_id: str, part: UploadPart, caller: Caller) -> Upload:
    """Store part ``part.index`` (sending a part again replaces it).

    Raises:
        NotFoundError: no such upload of the caller's.
        FailedPreconditionError: a part out of order (one before it is missing), or too many parts.
    """
    info = services.files.info(upload_id)
    if info is None or info.get("owner_id") != caller.uid:
        raise NotFoundError(f"upload {upload_id} not found")
    if part.index > info.get("parts", 0) or part.index >= MAX_PARTS:
        message = f"send part {info.get('parts', 0)} next (parts go in order, at most {MAX_PARTS})"
        raise FailedPreconditionError(message, [{"field": "index", "message": message}])
    services.files.append(upload_id, part.index, part.text)
    stored = services.files.info(upload_id) or {}
    return Upload(id=upload_id, file_name=info.get("name", ""), parts=stored.get("parts", 0),
                  characters=stored.get("bytes", 0))
