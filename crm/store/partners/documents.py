"""The programme's records as Firestore documents: money in minor units (``amount`` as ``amount_cents``), times as
timestamps, enums as their values; and back."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from google.cloud import firestore

from crm.domain.common import from_cents, to_cents
from crm.domain.model import Model
from crm.domain.partners.codes import code_key
from crm.domain.partners.commissions import Commission
from crm.domain.partners.conversions import Conversion
from crm.domain.partners.links import PartnerLink
from crm.domain.partners.partners import Partner
from crm.domain.partners.payouts import Payout
from crm.domain.partners.plans import CommissionPlan

M = TypeVar("M", bound=Model)
COMPUTED = {"version", "path", "balance"}


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k.value if isinstance(k, Enum) else k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def to_document(record: Model, *, money: tuple[str, ...] = (), keep_id: bool = False) -> dict[str, Any]:
    """``record`` as a document: ``money`` fields as ``<field>_cents`` integers (None stays None)."""
    excluded = COMPUTED | set(money) | (set() if keep_id else {"id"})
    data: dict[str, Any] = plain(record.model_dump(mode="python", exclude=excluded))
    for field in money:
        amount = getattr(record, field)
        data[f"{field}_cents"] = None if amount is None else to_cents(amount)
    return data


def from_document(model: type[M], snapshot: firestore.DocumentSnapshot, *, money: tuple[str, ...] = (),
                  with_id: bool = True, drop: tuple[str, ...] = ()) -> M:
    data = snapshot.to_dict() or {}
    for field in money:
        cents = data.pop(f"{field}_cents", None)
        data[field] = None if cents is None else from_cents(cents)
    for field in drop:
        data.pop(field, None)
    if with_id:
        data["id"] = snapshot.id
    return model(**data)


def partner_document(partner: Partner) -> dict[str, Any]:
    return to_document(partner)


def partner_from(snapshot: firestore.DocumentSnapshot) -> Partner:
    return from_document(Partner, snapshot)


def link_document(link: PartnerLink) -> dict[str, Any]:
    return {**to_document(link), "code_key": code_key(link.code)}


def link_from(snapshot: firestore.DocumentSnapshot) -> PartnerLink:
    return from_document(PartnerLink, snapshot, drop=("code_key",))


def plan_document(plan: CommissionPlan) -> dict[str, Any]:
    data = to_document(plan)
    data["signup_amounts"] = {currency: to_cents(amount) for currency, amount in plan.signup_amounts.items()}
    return data


def plan_from(snapshot: firestore.DocumentSnapshot) -> CommissionPlan:
    data = snapshot.to_dict() or {}
    amounts = {currency: from_cents(cents) for currency, cents in (data.pop("signup_amounts", {}) or {}).items()}
    return CommissionPlan(**data, id=snapshot.id, signup_amounts=amounts)


def conversion_document(conversion: Conversion) -> dict[str, Any]:
    """A conversion names its customer's owner, so that the customer's timeline shows it to a rep who owns them."""
    return to_document(conversion, money=("amount",))


def conversion_from(snapshot: firestore.DocumentSnapshot) -> Conversion:
    return from_document(Conversion, snapshot, money=("amount",))


def commission_document(commission: Commission) -> dict[str, Any]:
    return to_document(commission, money=("amount",))


def commission_from(snapshot: firestore.DocumentSnapshot) -> Commission:
    return from_document(Commission, snapshot, money=("amount",))


def payout_document(payout: Payout) -> dict[str, Any]:
    return to_document(payout, money=("amount",))


def payout_from(snapshot: firestore.DocumentSnapshot) -> Payout:
    return from_document(Payout, snapshot, money=("amount",))
