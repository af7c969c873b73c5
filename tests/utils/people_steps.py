"""Steps for contact persons and merges, on the emulator and on in-memory repositories alike: they need a
``transactions`` runner, the ``settings`` (phone region) and a ``create`` customer step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crm.domain.accounts.merge import MergeRequest, MergeResult
from crm.domain.people.persons import Person, PersonCreate, PersonUpdate
from crm.identity import Caller
from crm.services.accounts.merge import merge_customers
from crm.services.people import people as service
from crm.settings import Settings
from tests.utils.factories import admin_caller


def person_create(settings: Settings, **fields: Any) -> PersonCreate:
    fields.setdefault("first_name", "Maria")
    return PersonCreate.model_validate(fields, context={"phone_region": settings.default_phone_region})


def person_update(settings: Settings, **fields: Any) -> PersonUpdate:
    return PersonUpdate.model_validate(fields, context={"phone_region": settings.default_phone_region})


@pytest.fixture
def add_person(transactions, settings) -> Callable[..., Person]:
    """Add a person to ``customer_id`` through the service, as ``caller`` (an admin unless given)."""

    def make(customer_id: str, caller: Caller | None = None, **fields: Any) -> Person:
        return service.create_person(transactions, customer_id, person_create(settings, **fields),
                                     caller or admin_caller())

    return make


@pytest.fixture
def change_person(transactions, settings) -> Callable[..., Person]:
    def change(person_id: str, caller: Caller | None = None, if_match: str | None = None, **fields: Any) -> Person:
        return service.update_person(transactions, person_id, person_update(settings, **fields),
                                     caller or admin_caller(), if_match)

    return change


@pytest.fixture
def merge(transactions) -> Callable[..., MergeResult]:
    def run(target_id: str, *from_ids: str, caller: Caller | None = None, batch_size: int = 100) -> MergeResult:
        request = MergeRequest.model_validate({"from": list(from_ids)})
        return merge_customers(transactions, target_id, request, caller or admin_caller("manager-1"),
                               batch_size=batch_size)

    return run


class Interrupted(RuntimeError):
    """The process stopped here (a simulated crash between two transactions)."""


class InterruptingTransactions:
    """A transaction runner that stops after ``allowed`` more transactions have committed: the next one raises
    before it runs, as if the process had died between the two."""

    def __init__(self, inner: Any, allowed: int):
        self._inner = inner
        self.allowed = allowed
        self.committed = 0

    def run(self, work: Callable[[Any], Any], *, actor: Caller, lock: Any = ()) -> Any:
        if self.committed >= self.allowed:
            raise Interrupted(f"stopped after {self.committed} transactions")
        result = self._inner.run(work, actor=actor, lock=lock)
        self.committed += 1
        return result

    def read(self, work: Callable[[Any], Any]) -> Any:
        return self._inner.read(work)

    def customer_of_deal(self, deal_id: str) -> str | None:
        return self._inner.customer_of_deal(deal_id)
