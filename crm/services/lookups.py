"""Look-ups that several use cases make inside their transaction (the customer a new record is for, a pipeline,
the currency rates that must cover a currency), and the validation error they answer with."""

from __future__ import annotations

from crm.domain import access
from crm.domain.customers import Customer
from crm.domain.money import CurrencyRates
from crm.domain.pipelines import Pipeline
from crm.errors import ValidationFailedError
from crm.identity import Caller
from crm.services.ports import Transaction


def invalid(field: str, message: str) -> ValidationFailedError:
    """A validation error on one field of the request."""
    return ValidationFailedError(message, [{"field": field, "message": message}])


def visible_customer(tx: Transaction, customer_id: str, caller: Caller) -> Customer:
    """The active customer a new record is for; one the caller may not see is answered as missing.

    Raises:
        ValidationFailedError: on ``customer_id``.
    """
    customer = tx.customers.get_active(customer_id)
    if customer is None or not access.sees(caller, customer.owner_id):
        raise invalid("customer_id", f"customer {customer_id} does not exist or is deleted")
    return customer


def pipeline_for(tx: Transaction, pipeline_id: str | None) -> Pipeline:
    """The pipeline named, or the default one.

    Raises:
        ValidationFailedError: on ``pipeline_id``, when no such pipeline exists.
    """
    if pipeline_id is None:
        return tx.pipelines.default()
    pipeline = tx.pipelines.get(pipeline_id)
    if pipeline is None:
        raise invalid("pipeline_id", f"pipeline {pipeline_id} does not exist")
    return pipeline


def rates_covering(tx: Transaction, currency: str | None) -> CurrencyRates:
    """The currency rates, which must convert ``currency`` (if given) into the base currency.

    Raises:
        ValidationFailedError: on ``currency``, when it has no rate.
    """
    rates = tx.config.currency_rates()
    if currency and not rates.covers(currency):
        raise invalid(
            "currency",
            f"no exchange rate from {currency} to {rates.base}: add one with PUT /api/crm/settings/currency-rates",
        )
    return rates
