"""Bulk actions: one change applied to many records of a kind, each in its own transaction, each reported."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from crm.domain.activities import ActivityStatus
from crm.domain.customers import CustomerStatus, Tag
from crm.domain.model import Model
from crm.domain.transfer.kinds import TransferKind

MAX_IDS = 500
Id = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")]


class BulkAction(StrEnum):
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"
    REASSIGN = "reassign"
    SET_STATUS = "set_status"
    MOVE_STAGE = "move_stage"
    DELETE = "delete"
    RESTORE = "restore"


ACTIONS_OF: dict[TransferKind, frozenset[BulkAction]] = {
    TransferKind.CUSTOMERS: frozenset({BulkAction.ADD_TAGS, BulkAction.REMOVE_TAGS, BulkAction.REASSIGN,
                                       BulkAction.SET_STATUS, BulkAction.DELETE, BulkAction.RESTORE}),
    TransferKind.DEALS: frozenset({BulkAction.ADD_TAGS, BulkAction.REMOVE_TAGS, BulkAction.REASSIGN,
                                   BulkAction.MOVE_STAGE, BulkAction.DELETE}),
    TransferKind.ACTIVITIES: frozenset({BulkAction.REASSIGN, BulkAction.SET_STATUS, BulkAction.DELETE}),
}


class BulkChange(Model):
    """One action and what it needs: ``tags`` to add or remove, the new ``owner_id``, ``status``, or ``stage``
    (with ``pipeline_id`` and, for a lost stage, ``reason``)."""

    model_config = ConfigDict(extra="forbid")

    action: BulkAction
    tags: Annotated[list[Tag], Field(min_length=1, max_length=20)] | None = None
    owner_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    status: str | None = None
    stage: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    pipeline_id: Id | None = None
    reason: Annotated[str, Field(min_length=1, max_length=1000)] | None = None

    @model_validator(mode="after")
    def _check(self) -> BulkChange:
        needs = {BulkAction.ADD_TAGS: "tags", BulkAction.REMOVE_TAGS: "tags", BulkAction.REASSIGN: "owner_id",
                 BulkAction.SET_STATUS: "status", BulkAction.MOVE_STAGE: "stage"}
        wanted = needs.get(self.action)
        if wanted and getattr(self, wanted) in (None, []):
            raise ValueError(f"{self.action.value} needs {wanted}")
        return self

    def check_kind(self, kind: TransferKind) -> None:
        """Raises ValueError when ``kind`` has no such action, or the status is not one of the kind's."""
        if self.action not in ACTIONS_OF[kind]:
            allowed = ", ".join(sorted(a.value for a in ACTIONS_OF[kind]))
            raise ValueError(f"{kind.value} take the bulk actions {allowed}, not {self.action.value}")
        if self.action is BulkAction.SET_STATUS:
            statuses: Any = CustomerStatus if kind is TransferKind.CUSTOMERS else ActivityStatus
            if self.status not in {s.value for s in statuses}:
                raise ValueError(f"status must be one of {', '.join(s.value for s in statuses)}")


class BulkRequest(BulkChange):
    """The action on each of ``ids`` (up to 500), answered at once with each id's result."""

    ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_IDS)]


class BulkJobRequest(BulkChange):
    """The action on every record the list's ``filter`` matches (its query parameters, without search): a job."""

    filter: Annotated[dict[str, str], Field(description="The list's filters, as its query parameters; {} for "
                                                        "every record the caller may change")] = {}

    @model_validator(mode="after")
    def _no_search(self) -> BulkJobRequest:
        if "search" in self.filter:
            raise ValueError("a bulk job takes the list's filters but not search: select the records a search "
                             "found and send their ids")
        return self


class BulkItemResult(Model):
    """What happened to one record: ``ok``, or the error code and message the API would have answered."""

    id: str
    ok: bool
    code: str | None = None
    message: str | None = None


class BulkResult(Model):
    """Each id's result, in the order given."""

    action: BulkAction
    results: list[BulkItemResult]
    succeeded: int
    failed: int
