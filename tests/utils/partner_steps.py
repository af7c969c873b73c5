"""Steps of the partner programme over HTTP, shared by the API tests, the access matrix and the browser tests: the
settings, a plan, a partner, a link, a click on it, a signed conversion event."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from crm.domain.partners.sources import SIGNATURE_HEADER, sign

ALLOWED_HOST = "shop.example.com"
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
_serial = itertools.count(1)


@dataclass
class Programme:
    """What a test arranged: a plan, a partner on it (linked to ``uid``), one link, a conversion source."""

    plan_id: str
    partner_id: str
    link_id: str
    code: str
    source_id: str
    secret: str


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def allow_hosts(admin: FlaskClient, *hosts: str) -> None:
    response = admin.put("/api/crm/settings/partner-programme", json={"allowed_hosts": list(hosts) or [ALLOWED_HOST],
                                                                      "hold_days": 30})
    assert response.status_code == 200, response.get_json()


def make_plan(manager: FlaskClient, **fields: Any) -> str:
    body = {"name": f"Plan {next(_serial)}", "signup_amounts": {"EUR": "5.00", "USD": "6.00"},
            "purchase_percent": "10", "purchase_scope": "first", **fields}
    return created(manager.post("/api/crm/partner-plans", json=body))["id"]


def make_partner(manager: FlaskClient, **fields: Any) -> str:
    body = {"name": f"Partner {next(_serial)}", "email": f"partner{next(_serial)}@example.com", **fields}
    return created(manager.post("/api/crm/partners", json=body))["id"]


def make_link(manager: FlaskClient, partner_id: str, **fields: Any) -> dict[str, Any]:
    body = {"partner_id": partner_id, "destination": f"https://{ALLOWED_HOST}/landing?lang=en",
            "utm_source": "partner", "campaign": "spring", **fields}
    return created(manager.post("/api/crm/partner-links", json=body))


def make_source(admin: FlaskClient) -> tuple[str, str]:
    source_id = f"shop-{next(_serial)}"
    body = created(admin.post("/api/crm/partner-conversion-sources", json={"id": source_id, "name": "Web shop"}))
    return source_id, body["secret"]


def arrange(admin: FlaskClient, *, uid: str | None = None, plan: dict[str, Any] | None = None) -> Programme:
    """Settings, a plan, a partner (its affiliate user ``uid``), a link and a conversion source, made by an admin."""
    allow_hosts(admin)
    plan_id = make_plan(admin, **(plan or {}))
    partner_id = make_partner(admin, plan_id=plan_id, **({"uid": uid} if uid else {}))
    link = make_link(admin, partner_id)
    source_id, secret = make_source(admin)
    return Programme(plan_id, partner_id, link["id"], link["code"], source_id, secret)


def click(client: FlaskClient, code: str, *, address: str = "203.0.113.7", agent: str = BROWSER,
          referrer: str | None = "https://blog.example.org/post/1", method: str = "GET") -> tuple[int, str | None]:
    """Visit ``/r/{code}`` from ``address``; the status and the click id the destination gets."""
    headers = {"User-Agent": agent, "X-Forwarded-For": address}
    if referrer:
        headers["Referer"] = referrer
    response = client.open(f"/r/{code}", method=method, headers=headers, buffered=True)  # closed: the click written
    if response.status_code != 302:
        return response.status_code, None
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return 302, query.get("click_id", [None])[0]


def signed(secret: str, body: dict[str, Any], *, at: int | None = None) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    return raw, {SIGNATURE_HEADER: sign(secret, at or int(time.time()), raw), "Content-Type": "application/json"}


def post_event(client: FlaskClient, source_id: str, secret: str, **event: Any) -> Any:
    """POST a signed conversion event (an event id is made up when not given)."""
    body = {"event_id": f"evt-{next(_serial)}", **event}
    raw, headers = signed(secret, body)
    return client.post(f"/api/hooks/conversions/{source_id}", data=raw, headers=headers)


@dataclass
class PartnerRecords:
    """The programme's records an access-matrix case acts on, by the name of their path parameter."""

    plan_id: str = ""
    partner_id: str = ""
    link_id: str = ""
    source_id: str = ""
    commission_id: str = ""
    payout_id: str = ""


PARTNER_NEEDS = {"plan_id": "plan", "partner_id": "partner", "link_id": "link", "source_id": "source",
                 "commission_id": "commission", "payout_id": "payout"}
PARTNER_URLS = {"partner": "/api/crm/partners/{}", "link": "/api/crm/partner-links/{}",
                "plan": "/api/crm/partner-plans/{}", "commission": "/api/crm/partner-commissions/{}",
                "payout": "/api/crm/partner-payouts/{}"}


def arrange_partner_records(admin: FlaskClient, needs: set[str], affiliate_uid: str | None,
                            own: bool) -> PartnerRecords:
    """What ``needs`` names, made by an admin: a plan, a partner (linked to ``affiliate_uid`` when ``own``; otherwise
    that user gets a partner of their own beside it), its link, a conversion source, a purchase's commission,
    approved (``approved``), and a payout of it."""
    records = PartnerRecords()
    wanted = set(needs) | ({"partner"} if affiliate_uid else set())
    if wanted & {"payout"}:
        wanted.add("approved")
    if wanted & {"approved"}:
        wanted.add("commission")
    if wanted & {"commission"}:
        wanted |= {"link", "source"}
    if wanted & {"link", "partner"}:
        wanted |= {"partner", "plan"}
    if not wanted:
        return records
    allow_hosts(admin)
    if "plan" in wanted:
        records.plan_id = make_plan(admin)
    if "partner" in wanted:
        linked = {"uid": affiliate_uid} if affiliate_uid and own else {}
        records.partner_id = make_partner(admin, plan_id=records.plan_id, **linked)
        if affiliate_uid and not own:
            make_partner(admin, uid=affiliate_uid)
    if "link" in wanted:
        records.link_id = make_link(admin, records.partner_id)["id"]
    if "source" in wanted:
        records.source_id, secret = make_source(admin)
    if "commission" in wanted:
        code = admin.get(f"/api/crm/partner-links/{records.link_id}").get_json()["code"]
        click_id = click(admin, code)[1]
        conversion = post_event(admin, records.source_id, secret, type="purchase", amount="40.00", currency="EUR",
                                click_id=click_id).get_json()
        records.commission_id = conversion["commission_id"]
    if "approved" in wanted:
        approved = admin.post(f"/api/crm/partner-commissions/{records.commission_id}/approve")
        assert approved.status_code == 200, approved.get_json()
    if "payout" in wanted:
        records.payout_id = created(admin.post("/api/crm/partner-payouts", json={"partner_id": records.partner_id,
                                                                                 "currency": "EUR"}))["id"]
    return records
