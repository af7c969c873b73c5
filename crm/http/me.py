"""Who the caller is and what their role lets them do; answered for a signed-in user without a role too, so that a
client can show them the right page."""

from __future__ import annotations

from flask import Response
from pydantic import Field

from crm.domain import access
from crm.domain.access import Access
from crm.domain.model import Model
from crm.http.dependencies import caller
from crm.http.responses import json_response
from crm.http.routing import api
from crm.identity import Caller, Role


class Me(Model):
    uid: str
    email: str | None
    role: Role | None = Field(description="null until an admin gives the user a role")
    via: str = Field(description="token (a signed-in user) or api_key (an integration)")
    access: dict[Access, bool] = Field(description="which kinds of operation the role allows")
    sees_every_record: bool = Field(description="false for a rep, who reads and changes only their own records")
    assigns_owners: bool = Field(description="may give records to someone else (owner_id)")
    message: str | None = Field(None, description="for a user without a role: what to do next")


def describe(who: Caller) -> Me:
    granted = who.role is not None
    return Me(
        uid=who.uid,
        email=who.email,
        role=who.role,
        via=who.via,
        access={kind: access.allows(who.role, kind) for kind in Access},
        sees_every_record=who.role in access.SEES_EVERY_RECORD,
        assigns_owners=who.role in access.ASSIGNS_OWNERS,
        message=None if granted else access.NOT_GRANTED_YET,
    )


@api.route("/crm/me", "GET", summary="The caller: uid, email, role and what the role may do", tag="identity",
           access=Access.SIGNED_IN, response=Me)
def get_me() -> Response:
    return json_response(describe(caller()))
