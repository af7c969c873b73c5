"""The domain's enumerations as GraphQL enums: the same members, named in capitals as GraphQL names them."""

from __future__ import annotations

from enum import Enum, StrEnum

import strawberry

from crm.domain.activities import ActivityPriority, ActivityStatus, ActivityType
from crm.domain.audit import AuditEntity
from crm.domain.customers import CustomerSource, CustomerStatus
from crm.domain.deals import DealStatus
from crm.domain.orders import OrderStatus


def graphql_enum(domain: type[StrEnum], description: str) -> type[Enum]:
    made = Enum(domain.__name__, {member.name: member.value for member in domain})  # type: ignore[misc]
    return strawberry.enum(made, description=description)


CustomerStatusValue = graphql_enum(CustomerStatus, "Where a customer is in the relationship")
CustomerSourceValue = graphql_enum(CustomerSource, "How the customer found us")
DealStatusValue = graphql_enum(DealStatus, "Open, won or lost: the kind of the deal's stage")
OrderStatusValue = graphql_enum(OrderStatus, "Where an order is between pending and delivered")
ActivityTypeValue = graphql_enum(ActivityType, "What kind of activity")
ActivityStatusValue = graphql_enum(ActivityStatus, "Whether the activity is still to do")
ActivityPriorityValue = graphql_enum(ActivityPriority, "How urgent the activity is")
AuditEntityValue = graphql_enum(AuditEntity, "The kind of record a timeline entry is about")


def value_of(member: Enum | None) -> str | None:
    """The domain's value of a GraphQL enum member (e.g. "open" for OPEN)."""
    return None if member is None else str(member.value)
