"""The partner programme's settings (an admin-edited settings document): the hosts links may send visitors to, the
attribution window, the hold period before a commission is approved, and the name of the click id parameter."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from crm.domain.model import Model
from crm.domain.partners.destinations import DestinationError, normalize_allowed_host

DEFAULT_WINDOW_DAYS = 30
DEFAULT_HOLD_DAYS = 30
DEFAULT_CLICK_PARAMETER = "click_id"
MAX_ALLOWED_HOSTS = 100

ParameterName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")]
HostEntry = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=260)]


class PartnerProgramme(Model):
    """The settings as stored and served."""

    allowed_hosts: list[str] = Field([], description="Hosts links may send visitors to: a host name, or "
                                                     "*.example.com for every subdomain of example.com")
    attribution_window_days: Annotated[int, Field(ge=1, le=365)] = DEFAULT_WINDOW_DAYS
    hold_days: Annotated[int, Field(ge=0, le=365, description="Days before a pending commission is approved")] = \
        DEFAULT_HOLD_DAYS
    click_parameter: ParameterName = Field(DEFAULT_CLICK_PARAMETER, description="The query parameter that carries "
                                                                              "the click id to the destination")


class PartnerProgrammeUpdate(Model):
    """The fields given replace the stored ones."""

    model_config = ConfigDict(extra="forbid")

    allowed_hosts: Annotated[list[HostEntry], Field(max_length=MAX_ALLOWED_HOSTS)] | None = None
    attribution_window_days: Annotated[int, Field(ge=1, le=365)] | None = None
    hold_days: Annotated[int, Field(ge=0, le=365)] | None = None
    click_parameter: ParameterName | None = None

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, hosts: list[str] | None) -> list[str] | None:
        if hosts is None:
            return None
        try:
            return sorted(dict.fromkeys(normalize_allowed_host(host) for host in hosts))
        except DestinationError as exc:
            raise ValueError(str(exc)) from None


def apply_update(programme: PartnerProgramme, data: PartnerProgrammeUpdate) -> PartnerProgramme:
    changes: dict[str, Any] = {name: getattr(data, name) for name in data.model_fields_set
                               if getattr(data, name) is not None}
    return programme.model_copy(update=changes)
