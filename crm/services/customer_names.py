"""Customers' names by id, each only if the caller may see that customer."""

from __future__ import annotations

from crm.domain import access
from crm.domain.customer_names import CustomerName, CustomerNames, CustomerNamesParams
from crm.identity import Caller
from crm.services.ports import CustomerReader


def customer_names(reader: CustomerReader, params: CustomerNamesParams, caller: Caller) -> CustomerNames:
    """The names of the customers in ``params.ids`` that exist, are active and the caller may see (a rep: their own),
    in the order asked; the others are left out, as GET /customers/{id} would answer them 404."""
    named = reader.names(params.ids)
    return CustomerNames(results=[CustomerName(id=c.id, name=c.name) for c in named if access.sees(caller, c.owner_id)])
