"""Money: decimal amounts with two places, ISO 4217 currencies, and conversion through configured rates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

from crm.domain.common import CENTS, from_cents, to_cents
from crm.domain.model import Model
from crm.errors import FailedPreconditionError

MAX_AMOUNT = Decimal("1000000000000")


def _iso_currency(code: str) -> str:
    import pycountry  # on first use: its data is not needed at cold start

    code = code.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


Currency = Annotated[str, AfterValidator(_iso_currency)]
Amount = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2), AfterValidator(lambda d: d.quantize(CENTS))]
Rate = Annotated[Decimal, Field(gt=0, le=Decimal("1000000"))]


class CurrencyRates(Model):
    """How much one unit of each currency is worth in the base currency."""

    model_config = ConfigDict(extra="forbid")

    base: Currency
    rates: dict[Currency, Rate] = {}

    def covers(self, currency: str) -> bool:
        return currency == self.base or currency in self.rates

    def to_base_cents(self, cents: int, currency: str) -> int:
        """Convert minor units of ``currency`` into minor units of the base currency.

        Raises:
            FailedPreconditionError: no rate is configured for ``currency``.
        """
        if currency == self.base:
            return cents
        if currency not in self.rates:
            raise FailedPreconditionError(
                f"no exchange rate from {currency} to {self.base}: add it to the currency rates settings"
            )
        return to_cents(from_cents(cents) * self.rates[currency])


class CurrencyRatesUpdate(Model):
    model_config = ConfigDict(extra="forbid")

    rates: dict[Currency, Rate]


def weighted(amount: Decimal, probability: int) -> Decimal:
    return (amount * probability / 100).quantize(CENTS, rounding=ROUND_HALF_UP)
