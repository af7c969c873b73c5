"""Lead source use cases for admins: create (the signing secret shown once), list, change, rotate the secret or the
form token, delete, and the form to embed."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.lead_intake.snippet import form_snippet
from crm.domain.lead_intake.sources import (
    MAX_SOURCES,
    SECRET_PREFIX,
    TOKEN_PREFIX,
    FormSnippet,
    LeadSource,
    LeadSourceCreate,
    LeadSourceKind,
    LeadSourcesList,
    LeadSourceUpdate,
    LeadSourceWithSecret,
    StoredLeadSource,
)
from crm.domain.webhooks.signing import new_secret
from crm.errors import FailedPreconditionError, NotFoundError
from crm.identity import Caller
from crm.services.lead_intake.ports import LeadSourceReader, LeadTransaction, LeadTransactions


def create_source(transactions: LeadTransactions, reader: LeadSourceReader, data: LeadSourceCreate,
                  caller: Caller) -> LeadSourceWithSecret:
    """A new source with its form token and signing secret; the secret is in this answer only.

    Raises:
        FailedPreconditionError: there are MAX_SOURCES sources already.
    """
    if len(reader.all()) >= MAX_SOURCES:
        raise FailedPreconditionError(f"there are {MAX_SOURCES} lead sources already; delete one first")
    now = utc_now()
    given = data.model_dump(exclude_none=True)

    def work(tx: LeadTransaction) -> StoredLeadSource:
        source = StoredLeadSource(**{"owner_id": caller.uid, "kind": LeadSourceKind.WEB_FORM, **given},
                                  id=tx.lead_sources.new_id(), token=new_secret(TOKEN_PREFIX),
                                  secret=new_secret(SECRET_PREFIX), created_at=now, created_by=caller.uid,
                                  updated_at=now)
        tx.lead_sources.put(source)
        return source

    created = transactions.run(work, actor=caller)
    return _with_secret(created)


def list_sources(reader: LeadSourceReader) -> LeadSourcesList:
    sources = [source.public() for source in reader.all()]
    return LeadSourcesList(results=sources, total=len(sources))


def get_source(reader: LeadSourceReader, source_id: str) -> LeadSource:
    return _found(reader.get(source_id), source_id).public()


def update_source(transactions: LeadTransactions, source_id: str, data: LeadSourceUpdate, caller: Caller,
                  if_match: str | None = None) -> LeadSource:
    """Change the fields given.

    Raises:
        NotFoundError: no such source.
        PreconditionFailedError: ``if_match`` names another version.
    """

    def work(tx: LeadTransaction) -> StoredLeadSource:
        current = _found(tx.lead_sources.get(source_id), source_id)
        require_version(current, if_match, "lead source")
        changed = current.model_copy(update={**data.model_dump(include=data.model_fields_set),
                                             "updated_at": utc_now()})
        tx.lead_sources.put(changed)
        return changed

    return transactions.run(work, actor=caller, lock=[f"lead_sources/{source_id}"]).public()


def rotate_secret(transactions: LeadTransactions, source_id: str, caller: Caller) -> LeadSourceWithSecret:
    """A new signing secret, in this answer only; the old one stops working at once."""
    return _with_secret(_rotate(transactions, source_id, caller, "secret", SECRET_PREFIX))


def rotate_token(transactions: LeadTransactions, source_id: str, caller: Caller) -> LeadSource:
    """A new form token (embed the form again); the old one stops working at once."""
    return _rotate(transactions, source_id, caller, "token", TOKEN_PREFIX).public()


def delete_source(transactions: LeadTransactions, source_id: str, caller: Caller,
                  if_match: str | None = None) -> None:
    def work(tx: LeadTransaction) -> None:
        require_version(_found(tx.lead_sources.get(source_id), source_id), if_match, "lead source")
        tx.lead_sources.delete(source_id)

    transactions.run(work, actor=caller, lock=[f"lead_sources/{source_id}"])


def snippet(reader: LeadSourceReader, source_id: str, hook_url: str) -> FormSnippet:
    source = _found(reader.get(source_id), source_id)
    return FormSnippet(hook_url=hook_url, html=form_snippet(source, hook_url))


def _rotate(transactions: LeadTransactions, source_id: str, caller: Caller, field: str,
            prefix: str) -> StoredLeadSource:
    def work(tx: LeadTransaction) -> StoredLeadSource:
        current = _found(tx.lead_sources.get(source_id), source_id)
        now = utc_now()
        rotated = current.model_copy(update={field: new_secret(prefix), "updated_at": now,
                                             **({"secret_rotated_at": now} if field == "secret" else {})})
        tx.lead_sources.put(rotated)
        return rotated

    return transactions.run(work, actor=caller, lock=[f"lead_sources/{source_id}"])


def _with_secret(source: StoredLeadSource) -> LeadSourceWithSecret:
    return LeadSourceWithSecret(**source.public().model_dump(exclude={"version"}), secret=source.secret)


def _found(source: StoredLeadSource | None, source_id: str) -> StoredLeadSource:
    if source is None:
        raise NotFoundError(f"lead source {source_id} not found")
    return source
