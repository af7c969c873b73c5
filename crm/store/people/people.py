"""People in Firestore: a repository inside the unit of work (with the email claims and the customer's people count
written in the same transaction) and a reader outside it (one person, lists and searches)."""

from __future__ import annotations

from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.claims import PERSON_EMAIL
from crm.domain.paging import Page
from crm.domain.people.persons import Person, PersonListItem
from crm.domain.people.queries import PersonListParams
from crm.store import read_meter
from crm.store.accounts.totals import TxAccountTotals
from crm.store.claims import ClaimCollection
from crm.store.collections import CollectionNames
from crm.store.cursors import query_fingerprint
from crm.store.encoding import stage_write
from crm.store.paging import PageRequest, Queryable, fetch_page
from crm.store.people.documents import person_from_snapshot, person_to_document
from crm.store.people.search import PersonSearch
from crm.store.unit_of_work import UnitOfWork

SORT_FIELDS = {"name": "name_sort", "created_at": "created_at", "updated_at": "updated_at"}
IMPORT_BATCH = 50  # as for customers: the search maps make larger batches outlast the emulator's deadline

PERSON_EMAIL_CLAIMS = ClaimCollection(
    PERSON_EMAIL, claims=lambda names: names.person_emails, holders=lambda names: names.people,
    record=person_from_snapshot,
)


class TxPeople:
    """People inside a unit of work: reads through its transaction; writes staged with their email claims and the
    change to their customers' people counts."""

    def __init__(self, uow: UnitOfWork, totals: TxAccountTotals):
        self._uow = uow
        self._people = uow.collection(uow.names.people)
        self._totals = totals

    def new_id(self) -> str:
        return self._people.document().id

    def get(self, person_id: str) -> Person | None:
        snapshot = self._uow.get(self._people.document(person_id))
        return person_from_snapshot(snapshot) if snapshot.exists else None

    def put(self, person: Person, previous: Person | None) -> None:
        self._uow.set(self._people.document(person.id), person_to_document(person))
        self._uow.change_claims(PERSON_EMAIL_CLAIMS, person.id, previous, person)
        self._totals.record_person(previous, person)

    def primaries(self, customer_id: str) -> list[Person]:
        """The customer's active people marked primary (one, unless none)."""
        query = self._of(customer_id).where(filter=FieldFilter("deleted_at", "==", None))
        query = query.where(filter=FieldFilter("primary", "==", True)).limit(5)
        return [person_from_snapshot(s) for s in self._uow.query(query)]

    def of_customer(self, customer_id: str, limit: int, *, active_only: bool = False) -> list[Person]:
        """Up to ``limit`` people of the customer (deleted ones too, unless ``active_only``), in id order."""
        query = self._of(customer_id)
        if active_only:
            query = query.where(filter=FieldFilter("deleted_at", "==", None))
        return [person_from_snapshot(s) for s in self._uow.query(query.order_by("__name__").limit(limit))]

    def _of(self, customer_id: str) -> firestore.Query:
        return self._people.where(filter=FieldFilter("customer_id", "==", customer_id))


class FirestorePeopleReader:
    """People outside transactions: one person, and lists and searches with filters, order and paging."""

    def __init__(self, db: firestore.Client, names: CollectionNames):
        self._people = db.collection(names.people)
        self._search = PersonSearch(self._people)

    def get(self, person_id: str) -> Person | None:
        snapshot = self._people.document(person_id).get()
        read_meter.record_lookups(1)
        return person_from_snapshot(snapshot) if snapshot.exists else None

    def list(self, params: PersonListParams) -> Page[PersonListItem]:
        """One page of active people matching ``params``, with the total that match; searches best first."""
        if params.search_terms():
            return self._search.page(params)
        query: Queryable = self._people.where(filter=FieldFilter("deleted_at", "==", None))
        if params.customer_id:
            query = query.where(filter=FieldFilter("customer_id", "==", params.customer_id))
        if params.owner_id:
            query = query.where(filter=FieldFilter("owner_id", "==", params.owner_id))
        fingerprint = query_fingerprint("people", params.customer_id, params.owner_id, params.order.value)
        request = PageRequest(params.page, params.page_size, params.cursor, fingerprint)
        return fetch_page(self._people, query, request, SORT_FIELDS[params.order.field], params.order.descending,
                          _list_item)


def _list_item(snapshot: firestore.DocumentSnapshot) -> PersonListItem:
    return PersonListItem(**dict(person_from_snapshot(snapshot)))


def import_people(db: firestore.Client, names: CollectionNames, people: list[Person]) -> None:
    """Write many new people in batches, with their email claims and their customers' people counts, unchecked and
    unaudited: for demo data and benchmarks, never for users."""
    documents, claims = db.collection(names.people), db.collection(names.person_emails)
    totals = db.collection(names.customer_totals)
    for start in range(0, len(people), IMPORT_BATCH):
        batch = db.batch()
        counts: dict[str, int] = {}
        for person in people[start : start + IMPORT_BATCH]:
            stage_write(batch, documents.document(person.id), person_to_document(person))
            for email in PERSON_EMAIL.values(person):
                batch.set(claims.document(PERSON_EMAIL_CLAIMS.claim_id(email)),
                          PERSON_EMAIL_CLAIMS.claim_document(email, person.id))
            if person.active:
                counts[person.customer_id] = counts.get(person.customer_id, 0) + 1
        for customer_id, n in counts.items():
            batch.set(totals.document(customer_id), {"people": firestore.Increment(n)}, merge=True)
        batch.commit()
