"""A person's Firestore document: the record, its sort key and its search fields (none once deleted)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from google.cloud import firestore

from crm.domain.people.persons import Person
from crm.domain.people.search_fields import PERSON_SEARCH, person_activity, person_search_values
from crm.store.search import SEARCH_FIELDS, search_document_fields

NOT_STORED = {"id", "email", "phone", "version"}
DERIVED_FIELDS = ("name", "name_sort", *SEARCH_FIELDS)
STORED_FIELDS = (*(f for f in Person.model_fields if f != "id"),)


def person_to_document(person: Person) -> dict[str, Any]:
    data = _plain(person.model_dump(mode="python", exclude=NOT_STORED))
    data["name_sort"] = person.name_sort_key()
    data.update(person_search_fields(person))
    return data


def person_search_fields(person: Person) -> dict[str, Any]:
    if person.deleted_at is not None:
        return {}
    values = person_search_values(person)
    return search_document_fields(PERSON_SEARCH, values, person_activity(person), person.owner_id)


def person_from_snapshot(snapshot: firestore.DocumentSnapshot) -> Person:
    data = snapshot.to_dict() or {}
    for field in DERIVED_FIELDS:
        data.pop(field, None)
    return Person(**data, id=snapshot.id)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value
