"""The quick search: one box that finds customers and contact persons together (a person's result names their
customer), a few of each, in a bounded number of reads."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from crm.domain.accounts.fields import CustomerKind
from crm.domain.customers import CustomerListItem, CustomerStatus
from crm.domain.model import Model
from crm.domain.people.persons import PersonListItem
from crm.domain.search.ranking import SearchMatch

MAX_PER_KIND = 10


class QuickSearchParams(Model):
    model_config = ConfigDict(extra="forbid")

    q: Annotated[str, Field(min_length=1, max_length=200, description="Words or word starts, as in the lists' "
                                                                      "search")]
    limit: Annotated[int, Field(ge=1, le=MAX_PER_KIND, description="Results of each kind")] = 5


class CustomerHit(Model):
    id: str
    name: str
    kind: CustomerKind
    organization: str | None
    email: str | None
    phone: str | None
    status: CustomerStatus
    match: SearchMatch | None


class PersonHit(Model):
    id: str
    name: str
    job_title: str | None
    customer_id: str
    customer_name: str
    email: str | None
    phone: str | None
    match: SearchMatch | None


class QuickSearchResult(Model):
    customers: list[CustomerHit]
    customers_total: int
    people: list[PersonHit]
    people_total: int


def customer_hit(item: CustomerListItem) -> CustomerHit:
    return CustomerHit(id=item.id, name=item.name, kind=item.kind, organization=item.organization, email=item.email,
                       phone=item.phone, status=item.status, match=item.match)


def person_hit(item: PersonListItem) -> PersonHit:
    return PersonHit(id=item.id, name=item.name, job_title=item.job_title, customer_id=item.customer_id,
                     customer_name=item.customer_name, email=item.email, phone=item.phone, match=item.match)
