"""Where a customer came from and what they agreed to: the campaign (UTM) parameters of the page that brought them,
and their consent, as a web form or an import records them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from crm.domain.model import Model

UtmValue = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
PageUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]


class Utm(Model):
    """The campaign parameters (utm_*) of the page a lead came from, and that page."""

    model_config = ConfigDict(extra="forbid")

    source: UtmValue | None = None
    medium: UtmValue | None = None
    campaign: UtmValue | None = None
    term: UtmValue | None = None
    content: UtmValue | None = None
    page_url: PageUrl | None = Field(None, description="The page the form was on")
    referrer: PageUrl | None = None


class Consent(Model):
    """What the person agreed to, when, and through what (e.g. "lead source Website form")."""

    model_config = ConfigDict(extra="forbid")

    marketing: bool = Field(False, description="May be sent marketing")
    privacy_policy: bool = Field(False, description="Accepted the privacy policy")
    recorded_at: datetime | None = None
    recorded_via: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
