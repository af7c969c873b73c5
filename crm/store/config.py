"""Settings documents kept in Firestore: currency rates, the default pipeline, the dimensions deals use."""

from __future__ import annotations

from google.cloud import firestore

from crm.domain.money import CurrencyRates
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
        data = snapshot.to_dict() if snapshot.exists else {}
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
        """Remember owners and currencies that deals use, so reports know which to break down by."""
        update = {"currencies": firestore.ArrayUnion([currency])}
        if owner_id:
            update["owners"] = firestore.ArrayUnion([owner_id])
        ref = self._config.document(DEAL_DIMENSIONS)
        self._uow.set(ref, update, merge=True)
