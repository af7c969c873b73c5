"""Settings documents kept in Firestore: currency rates, the default pipeline, the dimensions deals use."""

from __future__ import annotations

import threading
from typing import Any

from google.cloud import firestore

from crm.domain.money import CurrencyRates
from crm.store import read_meter
from crm.store.unit_of_work import UnitOfWork

RATES = "currency_rates"
PIPELINES = "pipelines"
DEAL_DIMENSIONS = "deal_dimensions"


class TxConfig:
    def __init__(self, uow: UnitOfWork, base_currency: str):
        self._uow = uow
        self._base = base_currency
        self._config = uow.collection(uow.names.config)

    def currency_rates(self) -> CurrencyRates:
        snapshot = self._uow.get(self._config.document(RATES))
        data = (snapshot.to_dict() or {}) if snapshot.exists else {}
        return CurrencyRates(base=self._base, rates=data.get("rates", {}))

    def put_currency_rates(self, rates: CurrencyRates) -> None:
        data = {"base": rates.base, "rates": {code: str(rate) for code, rate in rates.rates.items()}}
        self._uow.set(self._config.document(RATES), data)

    def default_pipeline_id(self) -> str | None:
        snapshot = self._uow.get(self._config.document(PIPELINES))
        return snapshot.get("default_pipeline_id") if snapshot.exists else None

    def set_default_pipeline_id(self, pipeline_id: str) -> None:
        self._uow.set(self._config.document(PIPELINES), {"default_pipeline_id": pipeline_id})

    def note_deal_dimensions(self, owner_id: str | None, currency: str) -> None:
        """Remember owners and currencies that deals use, so reports know which to break down by.

        The document is written blind (array union, no read), and only with values this process has not seen
        there yet, so deal writes neither contend on it nor rewrite it every time.
        """
        ref = self._config.document(DEAL_DIMENSIONS)
        known = _known_dimensions(ref)
        update: dict[str, Any] = {}
        if currency not in known["currencies"]:
            update["currencies"] = firestore.ArrayUnion([currency])
        if owner_id and owner_id not in known["owners"]:
            update["owners"] = firestore.ArrayUnion([owner_id])
        if update:
            self._uow.set(ref, update, merge=True)
            self._uow.after_commit(lambda: _remember(ref, currency, owner_id))


_dimensions_seen: dict[str, dict[str, set[str]]] = {}
_dimensions_guard = threading.Lock()


def _known_dimensions(ref: firestore.DocumentReference) -> dict[str, set[str]]:
    with _dimensions_guard:
        if ref.path not in _dimensions_seen:
            snapshot = ref.get()
            read_meter.record_lookups(1)
            data = snapshot.to_dict() or {} if snapshot.exists else {}
            _dimensions_seen[ref.path] = {key: set(data.get(key, [])) for key in ("currencies", "owners")}
        return {key: set(values) for key, values in _dimensions_seen[ref.path].items()}


def _remember(ref: firestore.DocumentReference, currency: str, owner_id: str | None) -> None:
    with _dimensions_guard:
        seen = _dimensions_seen.setdefault(ref.path, {"currencies": set(), "owners": set()})
        seen["currencies"].add(currency)
        if owner_id:
            seen["owners"].add(owner_id)


def deal_dimensions(db: firestore.Client, names_config: str) -> dict[str, list[str]]:
    """The owners and currencies deals have used, as stored."""
    snapshot = db.collection(names_config).document(DEAL_DIMENSIONS).get()
    read_meter.record_lookups(1)
    data = snapshot.to_dict() or {} if snapshot.exists else {}
    return {key: sorted(data.get(key, [])) for key in ("currencies", "owners")}
