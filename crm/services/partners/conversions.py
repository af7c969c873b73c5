"""A conversion event from a source: kept once per event id, attributed to the last click within the window (by its
click id, or by the email or phone of a person seen before), the lead created or updated (source referral, the
partner recorded), the plan's commission earned into the partner's wallet, and the running totals counted, all in
one transaction. Refunds reverse the purchase's commission. Events no click is found for are kept and counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crm.domain.common import to_cents, utc_now
from crm.domain.customers import Customer, CustomerCreate, CustomerSource, CustomerStatus, new_customer
from crm.domain.partners import commissions as commission_rules
from crm.domain.partners.commissions import CommissionStatus
from crm.domain.partners.conversions import (
    Attribution,
    ClickRef,
    Conversion,
    ConversionEvent,
    ConversionType,
    UnattributedReason,
    contact_hint,
    conversion_id,
    identifier_key,
    last_click,
    month_of,
)
from crm.domain.partners.partners import Partner
from crm.domain.partners.plans import Earning, purchase_earning, signup_earning
from crm.domain.partners.referrals import ContactReferral, Referral, referral_key
from crm.domain.partners.totals import TotalsChange, conversion_counters, unattributed_counters
from crm.domain.partners.wallets import LedgerKind
from crm.identity import Caller
from crm.services.partners import ledger
from crm.services.partners.ports import PartnerStores, PartnerTransaction, PartnerTransactions


@dataclass(frozen=True)
class Received:
    conversion: Conversion
    created: bool = True


@dataclass(frozen=True)
class Locale:
    """How a new lead's contact values and language are read."""

    phone_region: str
    language: str


def source_caller(source_id: str) -> Caller:
    """Who a source's events are recorded as, in the audit trail."""
    return Caller(uid=f"source:{source_id}", role=None, via="signature")


def receive_conversion(transactions: PartnerTransactions, source_id: str, event: ConversionEvent, locale: Locale,
                       partner_hint: str | None = None) -> Received:
    """Record ``event`` once: a replay of its event id returns the conversion first recorded, untouched.

    ``partner_hint`` (the partner of the event's click, if known) queues this instance's conversions of one
    partner, whose wallet they all change.
    """
    identity = conversion_id(source_id, event.event_id)
    lock = [f"partner_conversions/{identity}"] + ([f"partner_wallets/{partner_hint}"] if partner_hint else [])

    def work(tx: PartnerTransaction) -> Received:
        existing = tx.partners.conversions.get(identity)
        if existing is not None:
            return Received(existing, created=False)
        now = utc_now()
        occurred = event.occurred_at or now
        if event.type is ConversionType.REFUND:
            return Received(_refund(tx.partners, source_id, identity, event, occurred, now))
        return Received(_convert(tx, source_id, identity, event, occurred, now, locale))

    return transactions.run(work, actor=source_caller(source_id), lock=lock)


def _base(source_id: str, identity: str, event: ConversionEvent, occurred: datetime, now: datetime) -> Conversion:
    return Conversion(id=identity, source_id=source_id, event_id=event.event_id, type=event.type,
                      occurred_at=occurred, received_at=now, attributed=False, click_id=event.click_id,
                      contact_hint=contact_hint(event.email, event.phone), amount=event.amount,
                      currency=event.currency)


def _convert(tx: PartnerTransaction, source_id: str, identity: str, event: ConversionEvent, occurred: datetime,
             now: datetime, locale: Locale) -> Conversion:
    stores = tx.partners
    conversion = _base(source_id, identity, event, occurred, now)
    programme = stores.programme.get()
    contacts = stores.referrals.contacts([identifier_key(i) for i in event.identifiers()])
    attribution = _attribute(stores, event, contacts, occurred, programme.attribution_window_days)
    partner = stores.partners.get(attribution.click.partner_id) if attribution.click else None
    if attribution.click is not None and (partner is None or not partner.active):
        attribution = Attribution(None, UnattributedReason.PARTNER_ARCHIVED)
    if attribution.click is None or partner is None:
        return _unattributed(stores, conversion, attribution.reason or UnattributedReason.NO_REFERENCE)
    click = attribution.click
    customer = _lead(tx, event, partner, contacts, now, locale)
    key = referral_key(customer.id if customer else None, click.click_id)
    referral = stores.referrals.get(key)
    conversion = conversion.model_copy(update={
        "attributed": True, "click_id": click.click_id, "link_id": click.link_id, "partner_id": partner.id,
        "customer_id": customer.id if customer else None, "owner_id": customer.owner_id if customer else None})
    earning = _earning(stores, partner, event, referral, occurred)
    if earning is not None:
        conversion = conversion.model_copy(update={"commission_id": _earn(stores, conversion, earning, occurred,
                                                                           programme.hold_days, now)})
    stores.conversions.put(conversion)
    _remember(stores, key, click, customer, event, occurred, referral, contacts, now)
    counters = conversion_counters(event.type, event.currency, to_cents(event.amount) if event.amount else 0)
    stores.totals.add(TotalsChange(month_of(occurred), partner.id, click.link_id, counters))
    return conversion


def _attribute(stores: PartnerStores, event: ConversionEvent, contacts: list[ContactReferral],
               occurred: datetime, window_days: int) -> Attribution:
    if event.click_id:
        click = stores.clicks.get(event.click_id)
        if click is None:
            return Attribution(None, UnattributedReason.UNKNOWN_CLICK)
        return last_click([click], occurred, window_days)
    if not event.identifiers():
        return Attribution(None, UnattributedReason.NO_REFERENCE)
    return last_click([contact.last_click() for contact in contacts], occurred, window_days)


def _unattributed(stores: PartnerStores, conversion: Conversion, reason: UnattributedReason) -> Conversion:
    kept = conversion.model_copy(update={"unattributed_reason": reason})
    stores.conversions.put(kept)
    stores.totals.add(TotalsChange(kept.month, None, None, {}, unattributed_counters(kept.type, reason)))
    return kept


def _lead(tx: PartnerTransaction, event: ConversionEvent, partner: Partner, contacts: list[ContactReferral],
          now: datetime, locale: Locale) -> Customer | None:
    """The lead an attributed event with an email or phone is about: the customer holding the email, or the one an
    earlier event of this person made, updated (the partner recorded; a lead's source becomes referral); else a new
    lead owned by the partner's manager."""
    if not event.identifiers():
        return None
    customer_id = tx.partners.customer_with_email(event.email) if event.email else None
    customer_id = customer_id or next((c.customer_id for c in contacts if c.customer_id), None)
    customer = tx.customers.get_active(customer_id) if customer_id else None
    if customer is None:
        data = CustomerCreate.model_validate(
            {"name": event.name or event.email or event.phone, "email": event.email, "phone": event.phone,
             "status": "lead", "source": "referral", "owner_id": partner.owner_id},
            context={"phone_region": locale.phone_region})
        created = new_customer(data, customer_id=tx.customers.new_id(), by=partner.owner_id, now=now,
                               default_language=locale.language).model_copy(update={"partner_id": partner.id})
        tx.customers.put(created, None)
        return created
    changes: dict[str, object] = {"partner_id": partner.id}
    if customer.source is None or customer.status is CustomerStatus.LEAD:
        changes["source"] = CustomerSource.REFERRAL
    if any(getattr(customer, name) != value for name, value in changes.items()):
        updated = customer.model_copy(update={**changes, "updated_at": now})
        tx.customers.put(updated, customer)
        return updated
    return customer


def _earning(stores: PartnerStores, partner: Partner, event: ConversionEvent, referral: Referral | None,
             occurred: datetime) -> Earning | None:
    plan = stores.plans.get(partner.plan_id) if partner.plan_id else None
    if plan is None:
        return None
    if event.type is ConversionType.SIGNUP:
        if referral is not None and referral.signed_up_at is not None:
            return None  # one sign-up commission per referred person
        return signup_earning(plan, event.currency or partner.currency)
    if event.type is ConversionType.PURCHASE and event.amount is not None and event.currency:
        first = referral.first_purchase_at if referral else None
        return purchase_earning(plan, to_cents(event.amount), event.currency, first_purchase_at=first,
                                occurred_at=occurred)
    return None


def _earn(stores: PartnerStores, conversion: Conversion, earning: Earning, occurred: datetime, hold_days: int,
          now: datetime) -> str:
    assert conversion.partner_id is not None
    commission = commission_rules.new_commission(
        commission_id=stores.commissions.new_id(), partner_id=conversion.partner_id, conversion_id=conversion.id,
        conversion_type=conversion.type, link_id=conversion.link_id, customer_id=conversion.customer_id,
        cents=earning.cents, currency=earning.currency, rule=earning.rule, earned_at=occurred, hold_days=hold_days,
        now=now)
    stores.commissions.put(commission)
    ledger.post(stores, commission.partner_id, commission.currency, LedgerKind.EARNED, earning.cents,
                commission_id=commission.id, note=earning.rule)
    ledger.count_commission(stores, commission, CommissionStatus.PENDING)
    return commission.id


def _remember(stores: PartnerStores, key: str, click: ClickRef, customer: Customer | None, event: ConversionEvent,
              occurred: datetime, referral: Referral | None, contacts: list[ContactReferral], now: datetime) -> None:
    """The referral's last click and milestones, and each of the event's emails and phones pointing to it."""
    base = referral or Referral(key=key, partner_id=click.partner_id, link_id=click.link_id, click_id=click.click_id,
                                click_at=click.at, updated_at=now)
    changes: dict[str, object] = {"partner_id": click.partner_id, "link_id": click.link_id,
                                  "click_id": click.click_id, "click_at": click.at, "updated_at": now,
                                  "customer_id": customer.id if customer else base.customer_id}
    if event.type is ConversionType.SIGNUP and base.signed_up_at is None:
        changes["signed_up_at"] = occurred
    if event.type is ConversionType.PURCHASE:
        changes["purchases"] = base.purchases + 1
        if base.first_purchase_at is None:
            changes["first_purchase_at"] = occurred
    stores.referrals.put(base.model_copy(update=changes))
    for identifier in event.identifiers():
        stores.referrals.put_contact(ContactReferral(
            key=identifier_key(identifier), referral_key=key, partner_id=click.partner_id, link_id=click.link_id,
            click_id=click.click_id, click_at=click.at, customer_id=customer.id if customer else None))


def _refund(stores: PartnerStores, source_id: str, identity: str, event: ConversionEvent, occurred: datetime,
            now: datetime) -> Conversion:
    """A refund reverses the commission of the purchase it names (from the source's own events), once."""
    refund = _base(source_id, identity, event, occurred, now)
    purchase = stores.conversions.get(conversion_id(source_id, event.refunds_event_id or ""))
    if purchase is None or purchase.type is not ConversionType.PURCHASE:
        return _unattributed(stores, refund, UnattributedReason.PURCHASE_NOT_FOUND)
    refund = refund.model_copy(update={
        "attributed": purchase.attributed, "unattributed_reason": purchase.unattributed_reason,
        "click_id": purchase.click_id, "link_id": purchase.link_id, "partner_id": purchase.partner_id,
        "customer_id": purchase.customer_id, "owner_id": purchase.owner_id, "refunds_conversion_id": purchase.id,
        "amount": event.amount or purchase.amount, "currency": purchase.currency,
        "contact_hint": refund.contact_hint or purchase.contact_hint})
    first_refund = purchase.refunded_at is None
    if first_refund:
        stores.conversions.put(purchase.model_copy(update={"refunded_at": now}))
        if purchase.commission_id:
            _reverse(stores, purchase.commission_id, f"purchase {purchase.event_id} refunded", now)
    stores.conversions.put(refund)
    if not purchase.attributed:
        reason = purchase.unattributed_reason or UnattributedReason.NO_REFERENCE
        stores.totals.add(TotalsChange(refund.month, None, None, {}, unattributed_counters(refund.type, reason)))
        return refund
    cents = to_cents(refund.amount) if refund.amount is not None and first_refund else 0
    counters = conversion_counters(ConversionType.REFUND, refund.currency, cents)
    stores.totals.add(TotalsChange(refund.month, refund.partner_id, refund.link_id, counters))
    return refund


def _reverse(stores: PartnerStores, commission_id: str, reason: str, now: datetime) -> None:
    commission = stores.commissions.get(commission_id)
    if commission is None or commission.status is CommissionStatus.REVERSED:
        return
    reversed_, taken_from = commission_rules.reverse(commission, reason=reason, now=now)
    stores.commissions.put(reversed_)
    ledger.post(stores, commission.partner_id, commission.currency, LedgerKind.REVERSED, to_cents(commission.amount),
                commission_id=commission.id, taken_from=taken_from, note=reason)
    ledger.count_commission(stores, commission, CommissionStatus.REVERSED, moved_from=commission.status)
