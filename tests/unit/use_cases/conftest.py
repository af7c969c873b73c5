"""Use cases on in-memory repositories (tests/utils/memory.py): their logic, without Firestore. What only Firestore
can prove (queries, cursors, indexes, transactions under contention, claims raced, rules) stays on the emulator.
The fixtures are typed as the protocols the use cases take, and mypy checks this module: the in-memory repositories
must keep implementing them."""

from __future__ import annotations

import pytest

from crm.services.ports import CustomerReader, DealCounter, DealReader, SavedViewReader, Transactions
from crm.settings import Settings
from tests.utils.activity_steps import add_activity, change_activity  # noqa: F401 (shared fixtures)
from tests.utils.customer_steps import caller, create, create_data, update_data  # noqa: F401 (shared fixtures)
from tests.utils.deal_steps import change_pipeline, make_pipeline, open_deal, set_rates  # noqa: F401 (shared fixtures)
from tests.utils.memory import (
    MemoryCustomerReader,
    MemoryDatabase,
    MemoryDealReader,
    MemorySavedViewReader,
    MemoryTransactions,
)
from tests.utils.order_steps import move_order, order_customer, place  # noqa: F401 (shared fixtures)
from tests.utils.people_steps import add_person, change_person, merge  # noqa: F401 (shared fixtures)


@pytest.fixture
def settings() -> Settings:
    return Settings(project_id="in-memory", local_mode=True, firestore_emulator_host=None, auth_emulator_host=None)


@pytest.fixture
def memory() -> MemoryDatabase:
    return MemoryDatabase(base_currency="EUR")


@pytest.fixture
def transactions(memory: MemoryDatabase) -> Transactions:
    return MemoryTransactions(memory)


@pytest.fixture
def customers(memory: MemoryDatabase) -> CustomerReader:
    return MemoryCustomerReader(memory)


@pytest.fixture
def reader(memory: MemoryDatabase) -> MemoryDealReader:
    """Deals by id, and counted per stage: the deal use cases' reader and the pipeline use cases' counter."""
    found = MemoryDealReader(memory)
    _both: tuple[DealReader, DealCounter] = (found, found)
    return found


@pytest.fixture
def view_reader(memory: MemoryDatabase) -> SavedViewReader:
    return MemorySavedViewReader(memory)
