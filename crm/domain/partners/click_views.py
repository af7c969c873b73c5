"""Clicks as the API lists them: never the hashed address."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from crm.domain.common import DocumentId
from crm.domain.customer_queries import MAX_PAGE_SIZE
from crm.domain.model import Model
from crm.domain.paging import ListPage
from crm.domain.partners.clicks import AgentClass, ClickKind


class Click(Model):
    id: str
    link_id: str
    partner_id: str
    at: datetime
    kind: ClickKind
    agent: AgentClass
    referrer_host: str | None = None
    country: str | None = None


class ClicksPage(ListPage[Click]):
    """One page of clicks, newest first."""


class ClickListParams(Model):
    model_config = ConfigDict(extra="forbid")

    partner_id: DocumentId | None = None
    link_id: DocumentId | None = None
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 25
    cursor: Annotated[str, Field(max_length=2000)] | None = None
