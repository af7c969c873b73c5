"""A customer's timeline: the audit entries of its record and of its deals, orders and activities, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from crm.domain.audit import AuditAction, AuditEntity
from crm.domain.model import Model
from crm.domain.paging import ListPage

MAX_PAGE_SIZE = 100
MAX_OFFSET = 5000


class AuditEntry(Model):
    """One write to one record: who made it, when, and what it changed."""

    id: str
    entity: AuditEntity
    entity_id: str
    customer_id: str | None = None
    owner_id: str | None = Field(None, description="The record's owner after the write")
    action: AuditAction
    by: str = Field(description="The caller's uid, apikey:<prefix>, or system for work no caller asked for")
    at: datetime
    summary: str = Field(description="What happened, in a sentence")
    label: str | None = Field(None, description="The record's name, title, order number or subject at the time")
    changes: dict[str, dict[str, Any]] = Field(
        description="Per field {before, after}; for lists {added, removed}. Long values are shortened"
    )
    previous_known: bool = Field(True, description="False when the write did not read the record first: changes "
                                                   "then hold only the values written")
    omitted: list[str] = Field([], description="Changed fields left out to keep the entry small")


class TimelinePage(ListPage[AuditEntry]):
    """One page of a customer's timeline."""


class TimelineParams(Model):
    """Query parameters of GET /customers/{id}/timeline."""

    model_config = ConfigDict(extra="forbid")

    entity: Annotated[AuditEntity, Field(description="Only entries about this kind of record")] | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    page: Annotated[int, Field(ge=1, description="1-based; deep pages cost the skipped reads, prefer cursor")] = 1
    cursor: Annotated[str, Field(max_length=2000, description="next_cursor of the previous page")] | None = None

    @model_validator(mode="after")
    def _check(self) -> TimelineParams:
        if self.cursor is None and (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page reaches past {MAX_OFFSET} records: follow next_cursor instead")
        return self
