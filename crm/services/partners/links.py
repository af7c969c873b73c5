"""Tracked link use cases: create (a code chosen or generated, the destination checked against the allowed hosts),
change, read and list; an affiliate reads only their own partner's links."""

from __future__ import annotations

from crm.domain.common import require_version, utc_now
from crm.domain.partners import links as rules
from crm.domain.partners.codes import generated_code
from crm.domain.partners.destinations import DestinationError, check_destination
from crm.domain.partners.links import (
    LinkListParams,
    PartnerLink,
    PartnerLinkCreate,
    PartnerLinksPage,
    PartnerLinkUpdate,
)
from crm.domain.partners.visibility import check_visible, listed_partner
from crm.errors import AlreadyExistsError, NotFoundError
from crm.identity import Caller
from crm.services.lookups import invalid
from crm.services.partners.partners import active_partner
from crm.services.partners.ports import (
    LinkReader,
    PartnerReader,
    PartnerStores,
    PartnerTransaction,
    PartnerTransactions,
)
from crm.services.partners.scope import own_partner_id

GENERATED_CODE_ATTEMPTS = 3


def create_link(transactions: PartnerTransactions, data: PartnerLinkCreate, caller: Caller) -> PartnerLink:
    """Raises:
        ValidationFailedError: no such active partner, or a destination that is not an http(s) URL on an allowed
            host.
        AlreadyExistsError: another link has the code (a generated code is drawn again instead).
    """
    for attempt in range(GENERATED_CODE_ATTEMPTS):
        code = data.code or generated_code()

        def work(tx: PartnerTransaction, code: str = code) -> PartnerLink:
            active_partner(tx.partners, data.partner_id)
            destination = _destination(tx.partners, data.destination)
            link = rules.new_link(data, link_id=tx.partners.links.new_id(), destination=destination, code=code,
                                  by=caller.uid, now=utc_now())
            tx.partners.links.put(link, None)
            return link

        try:
            return transactions.run(work, actor=caller)
        except AlreadyExistsError:
            if data.code or attempt == GENERATED_CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def update_link(transactions: PartnerTransactions, link_id: str, data: PartnerLinkUpdate, caller: Caller,
                if_match: str | None = None) -> PartnerLink:
    """Raises:
        NotFoundError: no such link.
        PreconditionFailedError: it changed since the version in If-Match.
        ValidationFailedError: a destination that is not allowed.
        AlreadyExistsError: another link has the new code.
    """

    def work(tx: PartnerTransaction) -> PartnerLink:
        link = tx.partners.links.get(link_id)
        if link is None:
            raise NotFoundError(f"link {link_id} not found")
        require_version(link, if_match, "link")
        destination = _destination(tx.partners, data.destination) if data.destination is not None else None
        updated = rules.apply_update(link, data, destination=destination, now=utc_now())
        tx.partners.links.put(updated, link)
        return updated

    return transactions.run(work, actor=caller, lock=[f"partner_links/{link_id}"])


def get_link(links: LinkReader, partners: PartnerReader, link_id: str, caller: Caller) -> PartnerLink:
    """Raises: NotFoundError: no such link (that the caller may see)."""
    link = links.get(link_id)
    if link is None:
        raise NotFoundError(f"link {link_id} not found")
    check_visible(own_partner_id(caller, partners), link.partner_id, f"link {link_id}")
    return link


def list_links(links: LinkReader, partners: PartnerReader, params: LinkListParams,
               caller: Caller) -> PartnerLinksPage:
    """Raises: PermissionDeniedError: an affiliate asked for another partner's links."""
    partner_id = listed_partner(own_partner_id(caller, partners), params.partner_id)
    params = params.model_copy(update={"partner_id": partner_id})
    return PartnerLinksPage.of(links.list(params), params.page_size)


def _destination(stores: PartnerStores, url: str) -> str:
    try:
        return check_destination(url, stores.programme.get().allowed_hosts)
    except DestinationError as exc:
        raise invalid("destination", str(exc)) from None
