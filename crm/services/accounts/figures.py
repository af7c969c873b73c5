"""An account's figures and its sub-accounts, read from running totals and one count, never from its deals."""

from __future__ import annotations

from crm.domain import access
from crm.domain.accounts.figures import CustomerFigures, figures_of
from crm.domain.accounts.merge import RecordKind
from crm.domain.customers import CustomersPage
from crm.identity import Caller
from crm.services.customers import get_customer
from crm.services.ports import AccountReader, CustomerReader


def customer_figures(customers: CustomerReader, accounts: AccountReader, customer_id: str, caller: Caller, *,
                     base_currency: str) -> CustomerFigures:
    """People count, open and won deals per currency, won value, lifetime value, last activity and sub-accounts:
    three reads whatever the number of deals (the customer, its totals, a count of its sub-accounts).

    The totals count every deal and person of the customer, whoever owns them, as its lifetime value does.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
    """
    customer = get_customer(customers, customer_id, caller)
    return figures_of(customer.id, accounts.totals(customer.id), lifetime_value=customer.lifetime_value,
                      base_currency=base_currency, last_activity_at=customer.last_activity_at,
                      sub_accounts=accounts.count(RecordKind.SUB_ACCOUNTS, customer.id))


def list_sub_accounts(customers: CustomerReader, accounts: AccountReader, customer_id: str, caller: Caller, *,
                      page_size: int, cursor: str | None) -> CustomersPage:
    """The active customers whose parent account is this one, by name; a rep's list holds only their own.

    Raises:
        NotFoundError: no active customer has this id (that the caller may see).
        InvalidArgumentError: the cursor is malformed or belongs to another list.
    """
    get_customer(customers, customer_id, caller)
    found = accounts.sub_accounts(customer_id, access.list_owner(caller, None), page_size, cursor)
    return CustomersPage.of(found, page_size)
