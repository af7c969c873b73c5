"""Who is calling the tools, and with what: a caller already authenticated by the HTTP layer, or an API key from the
environment that is checked again on every call, with the same authenticator and rate limits as the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from crm.http.dependencies import Dependencies
from crm.identity import ApiKeySecret, Caller
from crm.services.assistants import ToolBackend


class ToolSession(Protocol):
    backend: ToolBackend

    def caller(self) -> Caller:
        """The caller, as of now.

        Raises:
            UnauthenticatedError: the credential is not (or no longer) valid.
            ResourceExhaustedError: the caller has spent its budget of requests.
        """
        ...


def tool_backend(deps: Dependencies) -> ToolBackend:
    """The tools' readers and unit of work: the ones the HTTP handlers use."""
    settings = deps.settings
    return ToolBackend(customers=deps.customers, deals=deps.deals, activities=deps.activities, audit=deps.audit,
                       transactions=deps.transactions, reports=deps.reports,
                       default_language=settings.default_language, default_phone_region=settings.default_phone_region)


@dataclass
class AuthenticatedSession:
    """A caller the HTTP layer has authenticated (and counted against its rate limit) for this request."""

    backend: ToolBackend
    who: Caller

    def caller(self) -> Caller:
        return self.who


@dataclass
class ApiKeySession:
    """An API key held for the life of a process (``crm mcp``): each call authenticates it again, so a revoked key
    stops working as it does over HTTP, and each call counts against the key's rate limit."""

    backend: ToolBackend
    deps: Dependencies
    secret: str

    def caller(self) -> Caller:
        who = self.deps.authenticator.authenticate(ApiKeySecret(self.secret))
        self.deps.rate_limits.take(who.uid)
        return who
