"""The keys imports find records by, in Firestore, inside the import's unit of work: ``external_ids`` documents
(id: the SHA-256 of kind, source and value; they name the record), and the customers' email claims."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.search_tokens import fold
from crm.domain.transfer.rows import ExternalKey
from crm.errors import AbortedError
from crm.identity import Caller
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransaction, CrmTransactions
from crm.store.customers import EMAIL_CLAIMS
from crm.store.pipelines import ensure_default_pipeline
from crm.store.unit_of_work import UnitOfWork

T = TypeVar("T")
MAX_COMMIT_WRITES = 500  # Firestore's limit on the writes of one commit
LINKED_MEANWHILE = "another import linked this record meanwhile; retry"


def external_key_id(key: ExternalKey) -> str:
    return hashlib.sha256(f"{key.kind}|{key.source}|{key.value}".encode()).hexdigest()


class TxExternalIds:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._keys = uow.db.collection(uow.names.external_ids)
        self._claims = uow.db.collection(uow.names.customer_emails)
        self._customers = uow.db.collection(uow.names.customers)

    def find(self, keys: list[ExternalKey]) -> dict[ExternalKey, str]:
        if not keys:
            return {}
        refs = [self._keys.document(external_key_id(key)) for key in keys]
        snapshots = self._uow.get_all(refs)
        return {key: s.get("record_id") for key, s in zip(keys, snapshots, strict=True) if s.exists}

    def link(self, key: ExternalKey, record_id: str) -> None:
        self._uow.create(self._keys.document(external_key_id(key)), {
            "kind": key.kind, "source": key.source, "value": key.value, "record_id": record_id})

    def customers_by_email(self, emails: list[str]) -> dict[str, str]:
        if not emails:
            return {}
        refs = [self._claims.document(EMAIL_CLAIMS.claim_id(e)) for e in emails]
        snapshots = self._uow.get_all(refs)
        field = EMAIL_CLAIMS.kind.holder_field
        return {email: s.get(field) for email, s in zip(emails, snapshots, strict=True) if s.exists}

    def customers_named(self, name: str, limit: int) -> list[str]:
        query = self._customers.where(filter=FieldFilter("name_sort", "==", fold(name)))
        query = query.where(filter=FieldFilter("deleted_at", "==", None)).limit(limit)
        return [s.id for s in self._uow.query(query.select([]))]

    def prefetch(self, collection: str, ids: list[str]) -> None:
        if ids and collection:
            names = {"customers": self._uow.names.customers, "deals": self._uow.names.deals,
                     "orders": self._uow.names.orders, "activities": self._uow.names.activities}
            source = self._uow.db.collection(names[collection])
            self._uow.get_all([source.document(i) for i in ids])


class ImportTransaction(CrmTransaction):
    """Every repository of the CRM's transaction, and the import keys."""

    def __init__(self, uow: UnitOfWork, base_currency: str):
        super().__init__(uow, base_currency)
        self.transfer = TxExternalIds(uow)


class ImportTransactions(CrmTransactions):
    """The CRM's transaction runner, whose work also gets the import keys, and whose commits stay within
    Firestore's limit (a batch that stages more is refused before it is sent, with TooManyWritesError)."""

    max_writes = MAX_COMMIT_WRITES

    def __init__(self, db: firestore.Client, names: CollectionNames, base_currency: str):
        super().__init__(db, names, base_currency)
        self._bind = lambda uow: ImportTransaction(uow, base_currency)

    def run(self, work: Callable[[Any], T], *, actor: Caller, lock: Iterable[str] = ()) -> T:
        """As the CRM's runner; an import key that another import created first (its ``create`` refused at
        commit) is an AbortedError on ``external_id``.

        Raises:
            AbortedError: another import linked the same key meanwhile.
        """
        try:
            return super().run(work, actor=actor, lock=lock)
        except (google_exceptions.AlreadyExists, google_exceptions.FailedPrecondition):
            raise AbortedError(LINKED_MEANWHILE, [{"field": "external_id", "message": LINKED_MEANWHILE}]) from None


def import_transactions(db: firestore.Client, names: CollectionNames, base_currency: str) -> ImportTransactions:
    ensure_default_pipeline(db, names)
    return ImportTransactions(db, names, base_currency)
