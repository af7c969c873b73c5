"""The Mutation type: customers (create, update, delete, notes), deals (create, stage transitions) and activities,
each through the REST API's use case with the same body models, access, ownership and version preconditions.

``input`` arguments take the REST request body as JSON (validated by the same model, so the same fields, defaults
and errors); ``ifVersion`` is the If-Match header: the record's ``version``, refused with PRECONDITION_FAILED once
the record has changed. Idempotency: the request's Idempotency-Key header, as on every POST (crm.http.idempotency).
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from crm.domain.activities import ActivityCreate, ActivityUpdate
from crm.domain.customers import CustomerCreate, CustomerUpdate, NoteCreate
from crm.domain.deals import DealCreate, LostReason, Reopen, StageMove
from crm.graphql.context import Context
from crm.graphql.records import Activity, Customer, Deal
from crm.services import activities, customers, deals

IfVersion = Annotated[str | None, strawberry.argument(description="Change only this version of the record (its "
                                                                  "`version`), like the If-Match header")]
Input = Annotated[JSON, strawberry.argument(description="The REST request body, as JSON")]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a customer: the body of POST /api/crm/customers")
    def create_customer(self, info: Info[Context, None], input: Input) -> Customer | None:
        ctx = info.context
        ctx.write()
        data = ctx.input(CustomerCreate, input)
        return Customer.of(customers.create_customer(ctx.deps.transactions, data, ctx.caller,
                                                     default_language=ctx.deps.settings.default_language))

    @strawberry.mutation(description="Update the given fields of a customer: the body of PATCH "
                                     "/api/crm/customers/{id}")
    def update_customer(self, info: Info[Context, None], id: strawberry.ID, input: Input,
                        if_version: IfVersion = None) -> Customer | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        data = ctx.input(CustomerUpdate, input)
        return Customer.of(customers.update_customer(ctx.deps.transactions, record_id, data, ctx.caller, if_version))

    @strawberry.mutation(description="Delete a customer (soft: it can be restored); answers its id")
    def delete_customer(self, info: Info[Context, None], id: strawberry.ID,
                        if_version: IfVersion = None) -> strawberry.ID | None:
        ctx = info.context
        ctx.write()
        customers.delete_customer(ctx.deps.transactions, ctx.record_id(id), ctx.caller, if_version)
        return id

    @strawberry.mutation(description="Append a note to a customer")
    def add_customer_note(self, info: Info[Context, None], customer_id: strawberry.ID, text: str) -> Customer | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(customer_id, "customerId")
        note = ctx.input(NoteCreate, {"text": text}, None)
        return Customer.of(customers.add_note(ctx.deps.transactions, record_id, note.text, ctx.caller))

    @strawberry.mutation(description="Create a deal: the body of POST /api/crm/deals")
    def create_deal(self, info: Info[Context, None], input: Input) -> Deal | None:
        ctx = info.context
        ctx.write()
        return Deal.of(deals.create_deal(ctx.deps.transactions, ctx.input(DealCreate, input), ctx.caller))

    @strawberry.mutation(description="Move a deal into a stage of its pipeline (or of another); a lost stage needs "
                                     "a reason")
    def move_deal(self, info: Info[Context, None], id: strawberry.ID, stage: str, pipeline_id: str | None = None,
                  reason: str | None = None, substage: str | None = None, if_version: IfVersion = None) -> Deal | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        given = {"stage": stage, "pipeline_id": pipeline_id, "reason": reason, "substage": substage}
        move = ctx.input(StageMove, {name: value for name, value in given.items() if value is not None}, None)
        return Deal.of(deals.move_deal(ctx.deps.transactions, record_id, move, ctx.caller, if_version))

    @strawberry.mutation(description="Move a deal into the next open stage, or won after the last")
    def advance_deal(self, info: Info[Context, None], id: strawberry.ID, if_version: IfVersion = None) -> Deal | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        return Deal.of(deals.advance_deal(ctx.deps.transactions, record_id, ctx.caller, if_version))

    @strawberry.mutation(description="Close a deal as won")
    def mark_deal_won(self, info: Info[Context, None], id: strawberry.ID, if_version: IfVersion = None) -> Deal | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        return Deal.of(deals.mark_deal_won(ctx.deps.transactions, record_id, ctx.caller, if_version))

    @strawberry.mutation(description="Close a deal as lost, with the reason")
    def mark_deal_lost(self, info: Info[Context, None], id: strawberry.ID, reason: str,
                       if_version: IfVersion = None) -> Deal | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        lost = ctx.input(LostReason, {"reason": reason}, None)
        return Deal.of(deals.mark_deal_lost(ctx.deps.transactions, record_id, lost.reason, ctx.caller, if_version))

    @strawberry.mutation(description="Reopen a won or lost deal, into the given open stage or its pipeline's first")
    def reopen_deal(self, info: Info[Context, None], id: strawberry.ID, stage: str | None = None,
                    if_version: IfVersion = None) -> Deal | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        reopen = ctx.input(Reopen, {"stage": stage} if stage is not None else {}, None)
        return Deal.of(deals.reopen_deal(ctx.deps.transactions, record_id, reopen.stage, ctx.caller, if_version))

    @strawberry.mutation(description="Create an activity: the body of POST /api/crm/activities")
    def create_activity(self, info: Info[Context, None], input: Input) -> Activity | None:
        ctx = info.context
        ctx.write()
        data = ctx.input(ActivityCreate, input)
        return Activity.of(activities.create_activity(ctx.deps.transactions, data, ctx.caller))

    @strawberry.mutation(description="Update the given fields of an activity: the body of PATCH "
                                     "/api/crm/activities/{id}")
    def update_activity(self, info: Info[Context, None], id: strawberry.ID, input: Input,
                        if_version: IfVersion = None) -> Activity | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        data = ctx.input(ActivityUpdate, input)
        return Activity.of(activities.update_activity(ctx.deps.transactions, record_id, data, ctx.caller, if_version))

    @strawberry.mutation(description="Mark a scheduled or in-progress activity completed")
    def complete_activity(self, info: Info[Context, None], id: strawberry.ID) -> Activity | None:
        ctx = info.context
        ctx.write()
        record_id = ctx.record_id(id)
        return Activity.of(activities.complete_activity(ctx.deps.transactions, record_id, ctx.caller))

    @strawberry.mutation(description="Delete an activity; answers its id")
    def delete_activity(self, info: Info[Context, None], id: strawberry.ID,
                        if_version: IfVersion = None) -> strawberry.ID | None:
        ctx = info.context
        ctx.write()
        activities.delete_activity(ctx.deps.transactions, ctx.record_id(id), ctx.caller, if_version)
        return id
