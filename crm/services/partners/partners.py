"""Partner use cases: create, read, list and change partners; an affiliate reads only their own."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.partners import partners as rules
from crm.domain.partners.partners import Partner, PartnerCreate, PartnerListParams, PartnersPage, PartnerUpdate
from crm.domain.partners.visibility import check_visible, is_affiliate
from crm.errors import NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.partners.ports import PartnerReader, PartnerStores, PartnerTransaction, PartnerTransactions
from crm.services.partners.scope import own_partner_id


def create_partner(transactions: PartnerTransactions, data: PartnerCreate, caller: Caller,
                   default_currency: str) -> Partner:
    """Raises:
        ValidationFailedError: the plan does not exist.
        AlreadyExistsError: the affiliate uid is linked to another partner.
    """

    def work(tx: PartnerTransaction) -> Partner:
        _check_plan(tx.partners, data.plan_id)
        partner = rules.new_partner(data, partner_id=tx.partners.partners.new_id(), currency=default_currency,
                                    by=caller.uid, now=utc_now())
        tx.partners.partners.put(partner, None)
        return partner

    return transactions.run(work, actor=caller)


def get_partner(partners: PartnerReader, partner_id: str, caller: Caller) -> Partner:
    """Raises: NotFoundError: no such partner (that the caller may see)."""
    partner = partners.get(partner_id)
    if partner is None:
        raise _not_found(partner_id)
    check_visible(own_partner_id(caller, partners), partner.id, f"partner {partner_id}")
    return partner


def list_partners(partners: PartnerReader, params: PartnerListParams, caller: Caller) -> PartnersPage:
    """Every partner for managers and admins; an affiliate's list holds their own partner only."""
    if is_affiliate(caller):
        own = partners.get(own_partner_id(caller, partners) or "")
        results = [own] if own is not None and params.status in (None, own.status) else []
        return PartnersPage(results=results, total=len(results), page=1, page_size=params.page_size,
                            next_cursor=None)
    return PartnersPage.of(partners.list(params), params.page_size)


def update_partner(transactions: PartnerTransactions, partner_id: str, data: PartnerUpdate, caller: Caller,
                   if_match: str | None = None) -> Partner:
    """Raises:
        NotFoundError: no such partner.
        PreconditionFailedError: it changed since the version in If-Match.
        ValidationFailedError: the plan does not exist.
        AlreadyExistsError: the affiliate uid is linked to another partner.
    """

    def work(tx: PartnerTransaction) -> Partner:
        partner = tx.partners.partners.get(partner_id)
        if partner is None:
            raise _not_found(partner_id)
        require_version(partner, if_match, "partner")
        if "plan_id" in data.model_fields_set:
            _check_plan(tx.partners, data.plan_id)
        updated = rules.apply_update(partner, data, now=utc_now())
        tx.partners.partners.put(updated, partner)
        return updated

    return transactions.run(work, actor=caller, lock=[f"partners/{partner_id}"])


def active_partner(stores: PartnerStores, partner_id: str, field: str = "partner_id") -> Partner:
    """The partner a new record is for.

    Raises:
        ValidationFailedError: on ``field``: no such partner, or it is archived.
    """
    partner = stores.partners.get(partner_id)
    if partner is None:
        raise invalid(field, f"partner {partner_id} does not exist")
    if not partner.active:
        raise invalid(field, f"partner {partner_id} is archived")
    return partner


def _check_plan(stores: PartnerStores, plan_id: str | None) -> None:
    if plan_id is not None and stores.plans.get(plan_id) is None:
        raise invalid("plan_id", f"commission plan {plan_id} does not exist")


def _not_found(partner_id: str) -> NotFoundError:
    return NotFoundError(f"partner {partner_id} not found")
