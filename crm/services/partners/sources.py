"""Conversion sources, managed by admins: made with a secret shown once, listed without it, given a new secret (the
old one keeps working for a day), switched off and on."""

from __future__ import annotations

from crm.domain.common import utc_now
from crm.domain.partners import sources as rules
from crm.domain.partners.sources import (
    ConversionSource,
    ConversionSourceCreate,
    ConversionSourcesPage,
    ConversionSourceWithSecret,
    SourceSecrets,
)
from crm.errors import AlreadyExistsError, NotFoundError
from crm.identity import Caller
from crm.services.partners.ports import PartnerTransaction, PartnerTransactions, SourceReader


def create_source(transactions: PartnerTransactions, data: ConversionSourceCreate,
                  caller: Caller) -> ConversionSourceWithSecret:
    """Raises: AlreadyExistsError: a source has this id."""
    secret = rules.new_secret()

    def work(tx: PartnerTransaction) -> ConversionSource:
        if tx.partners.sources.get(data.id) is not None:
            message = f"conversion source {data.id} already exists"
            raise AlreadyExistsError(message, [{"field": "id", "message": message}])
        source = ConversionSource(id=data.id, name=data.name, created_at=utc_now(), created_by=caller.uid)
        tx.partners.sources.put(source, SourceSecrets(current=secret))
        return source

    source = transactions.run(work, actor=caller, lock=[f"partner_sources/{data.id}"])
    return ConversionSourceWithSecret(**source.model_dump(), secret=secret)


def rotate_secret(transactions: PartnerTransactions, source_id: str, caller: Caller) -> ConversionSourceWithSecret:
    """A new secret for the source; requests signed with the previous one are accepted for another day.

    Raises:
        NotFoundError: no such source.
    """
    secret = rules.new_secret()

    def work(tx: PartnerTransaction) -> ConversionSource:
        source, secrets = _source(tx, source_id)
        now = utc_now()
        rotated = rules.rotated(secrets, secret, now)
        changed = source.model_copy(update={"secret_rotated_at": now,
                                            "previous_secret_expires_at": rotated.previous_expires_at})
        tx.partners.sources.put(changed, rotated)
        return changed

    source = transactions.run(work, actor=caller, lock=[f"partner_sources/{source_id}"])
    return ConversionSourceWithSecret(**source.model_dump(), secret=secret)


def set_source_active(transactions: PartnerTransactions, source_id: str, active: bool,
                      caller: Caller) -> ConversionSource:
    """An inactive source's postbacks are refused (within a minute on instances that remember it).

    Raises:
        NotFoundError: no such source.
    """

    def work(tx: PartnerTransaction) -> ConversionSource:
        source, secrets = _source(tx, source_id)
        changed = source.model_copy(update={"active": active})
        tx.partners.sources.put(changed, secrets)
        return changed

    return transactions.run(work, actor=caller, lock=[f"partner_sources/{source_id}"])


def list_sources(sources: SourceReader) -> ConversionSourcesPage:
    found = sources.all()
    return ConversionSourcesPage(results=found, total=len(found))


def _source(tx: PartnerTransaction, source_id: str) -> tuple[ConversionSource, SourceSecrets]:
    source = tx.partners.sources.get(source_id)
    secrets = tx.partners.sources.secrets(source_id)
    if source is None or secrets is None:
        raise NotFoundError(f"conversion source {source_id} not found")
    return source, secrets
