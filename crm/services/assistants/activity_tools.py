"""Assistant tools over the activity use cases: log one, complete one, list the caller's overdue ones."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from crm.domain.access import Access
from crm.domain.activities import (
    ActivityCreate,
    ActivityPriority,
    ActivityStatus,
    ActivityType,
    AwareDateTime,
    Description,
    Subject,
)
from crm.domain.activity_queries import ActivityListParams
from crm.domain.common import DocumentId
from crm.identity import Caller
from crm.services import activities
from crm.services.assistants.catalog import AssistantTool, ToolArguments, ToolBackend, ToolResult, read, written


class NewActivity(ToolArguments):
    type: Annotated[ActivityType, Field(description="What kind of activity")]
    subject: Annotated[Subject, Field(description="A short title, e.g. 'Call about the renewal'")]
    customer_id: Annotated[DocumentId, Field(description="The customer it is about")] | None = None
    deal_id: Annotated[DocumentId, Field(description="The deal it is about (its customer is taken from it)")] | None \
        = None
    description: Annotated[Description, Field(description="Details, up to 5,000 characters")] | None = None
    due_at: Annotated[AwareDateTime, Field(description="When it is due or took place, with a timezone, e.g. "
                                                       "2026-05-01T09:00:00+03:00")] | None = None
    status: Annotated[ActivityStatus, Field(description="Default scheduled; completed records one already done")] \
        | None = None
    priority: Annotated[ActivityPriority, Field(description="Default normal")] | None = None


def log_activity(backend: ToolBackend, caller: Caller, args: NewActivity) -> ToolResult:
    data = ActivityCreate.model_validate(args.model_dump(exclude_unset=True))
    created = activities.create_activity(backend.transactions, data, caller)
    due = f", due {created.due_at:%Y-%m-%d %H:%M} UTC" if created.due_at else ""
    return written("activity", created, f"Logged {created.type.value} {created.subject!r} ({created.status.value}"
                                        f"{due}) for customer {created.customer_id}, id {created.id}")


class ActivityRef(ToolArguments):
    activity_id: Annotated[DocumentId, Field(description="The activity's id")]


def complete_activity(backend: ToolBackend, caller: Caller, args: ActivityRef) -> ToolResult:
    done = activities.complete_activity(backend.transactions, args.activity_id, caller)
    return written("activity", done, f"Completed {done.type.value} {done.subject!r}")


class OverdueRequest(ToolArguments):
    page_size: Annotated[int, Field(ge=1, le=50, description="How many to return (1-50)")] = 20
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous answer")] | None = None


def list_my_overdue_activities(backend: ToolBackend, caller: Caller, args: OverdueRequest) -> ToolResult:
    params = ActivityListParams(owner_id=caller.uid, overdue=True, page_size=args.page_size, cursor=args.cursor)
    return read(activities.list_activities(backend.activities, params, caller))


TOOLS: list[AssistantTool[Any]] = [
    AssistantTool("log_activity", "Log an activity", (
        "Record a call, meeting, task, email or note about a customer or a deal: one to do (scheduled, with "
        "due_at) or one already done (status completed). Give customer_id, deal_id, or both."),
        NewActivity, Access.WRITE, log_activity),
    AssistantTool("complete_activity", "Complete an activity", (
        "Mark a scheduled or in-progress activity completed now."),
        ActivityRef, Access.WRITE, complete_activity),
    AssistantTool("list_my_overdue_activities", "My overdue activities", (
        "The caller's own activities that are past due and still scheduled or in progress, the longest overdue "
        "first."),
        OverdueRequest, Access.READ, list_my_overdue_activities),
]
