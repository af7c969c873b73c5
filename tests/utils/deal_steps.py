"""Fixtures and steps shared by the pipeline and deal tests, on the emulator and on in-memory repositories alike:
they need a ``transactions`` runner, a ``create`` customer step, and a deal ``reader`` that also counts deals per
stage (registered by tests/integration/conftest.py and tests/unit/use_cases/conftest.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from crm.domain.deals import Deal, DealCreate, DealUpdate, StageMove
from crm.domain.money import CurrencyRatesUpdate
from crm.domain.pipelines import Pipeline, PipelineCreate, PipelineUpdate
from crm.identity import Caller
from crm.services import deals as deal_service
from crm.services import pipelines as pipeline_service
from tests.utils.factories import admin_caller


@pytest.fixture
def open_deal(transactions, create) -> Callable[..., Deal]:
    """Create a deal through the service; a customer is made for it unless ``customer_id`` is given."""

    def make(caller: Caller | None = None, **body: Any) -> Deal:
        body.setdefault("title", "Arcade cabinet")
        if "customer_id" not in body:
            body["customer_id"] = create().id
        return deal_service.create_deal(transactions, DealCreate.model_validate(body), caller or admin_caller())

    return make


@pytest.fixture
def make_pipeline(transactions) -> Callable[..., Pipeline]:
    def make(name: str = "Renewals", stages: list[dict[str, Any]] | None = None, **fields: Any) -> Pipeline:
        data = PipelineCreate.model_validate({"name": name, "stages": stages or renewal_stages(), **fields})
        return pipeline_service.create_pipeline(transactions, data, admin_caller())

    return make


@pytest.fixture
def change_pipeline(transactions, reader) -> Callable[..., Pipeline]:
    def change(pipeline_id: str, **fields: Any) -> Pipeline:
        data = PipelineUpdate.model_validate(fields)
        return pipeline_service.update_pipeline(transactions, reader, pipeline_id, data, admin_caller())

    return change


@pytest.fixture
def set_rates(transactions) -> Callable[..., None]:
    def put(**rates: str) -> None:
        update = CurrencyRatesUpdate.model_validate({"rates": rates})
        pipeline_service.set_currency_rates(transactions, update, admin_caller())

    return put


def stage(stage_id: str, kind: str = "open", probability: int = 50) -> dict[str, Any]:
    return {"id": stage_id, "name": stage_id.replace("_", " ").title(), "probability": probability, "kind": kind}


def renewal_stages() -> list[dict[str, Any]]:
    return [stage("contact", probability=20), stage("quote", probability=60), stage("renewed", "won", 100),
            stage("churned", "lost", 0)]


def sales_stages(*, without: tuple[str, ...] = (), extra: tuple[dict[str, Any], ...] = ()) -> list[dict[str, Any]]:
    base = [stage("lead", probability=10), stage("qualified", probability=25), stage("proposal"),
            stage("negotiation", probability=75), stage("closed_won", "won", 100), stage("closed_lost", "lost", 0)]
    return [s for s in base if s["id"] not in without] + list(extra)


def update(transactions, deal_id: str, **fields: Any) -> Deal:
    return deal_service.update_deal(transactions, deal_id, DealUpdate.model_validate(fields), admin_caller())


def move(transactions, deal_id: str, stage_id: str, caller: Caller | None = None, **fields: Any) -> Deal:
    change = StageMove.model_validate({"stage": stage_id, **fields})
    return deal_service.move_deal(transactions, deal_id, change, caller or admin_caller())


def won(transactions, deal_id: str, caller: Caller | None = None) -> Deal:
    return deal_service.mark_deal_won(transactions, deal_id, caller or admin_caller())


def lifetime_value(customers, customer_id: str) -> Decimal:
    return customers.get(customer_id).lifetime_value


def run_together(work: Callable[[int], Any], count: int) -> list[Any]:
    """Call ``work(n)`` for n in range(count) on as many threads, released at the same moment."""
    start = threading.Barrier(count)

    def go(n: int) -> Any:
        start.wait()
        return work(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(go, range(count)))
