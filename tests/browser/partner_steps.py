"""Steps the partner screens' tests share: what happens outside the console (a visitor's click on a tracked link, a
conversion source's signed sign-up), over real HTTP to the local stack."""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import parse_qs, urlsplit

from crm.domain.partners.sources import SIGNATURE_HEADER, sign

BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"


def _connection(stack) -> http.client.HTTPConnection:
    target = urlsplit(stack.url)
    return http.client.HTTPConnection(target.hostname, target.port, timeout=30)


def click_link(stack, code: str) -> str:
    """A visitor follows /r/{code}: the redirect's click id, once the click is recorded (it is written after the 302
    has been sent)."""
    connection = _connection(stack)
    connection.request("GET", f"/r/{code}", headers={"User-Agent": BROWSER_AGENT})
    response = connection.getresponse()
    assert response.status == 302
    location = response.getheader("Location")
    connection.close()
    click_id = parse_qs(urlsplit(location).query)["click_id"][0]
    _recorded(stack, click_id)
    return click_id


def _recorded(stack, click_id: str, seconds: float = 10.0) -> None:
    admin = stack.api_as("admin")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, answer = admin.call("GET", "/partner-clicks?page_size=100")
        if status == 200 and any(row["id"] == click_id for row in answer["results"]):
            return
        time.sleep(0.05)
    raise AssertionError(f"click {click_id} was not recorded within {seconds} s")


def post_signup(stack, source: dict, event_id: str, click_id: str) -> None:
    """The source posts a sign-up carrying the click id, signed with its secret."""
    body = json.dumps({"event_id": event_id, "type": "signup", "click_id": click_id}).encode()
    connection = _connection(stack)
    connection.request("POST", f"/api/hooks/conversions/{source['id']}", body=body, headers={
        "Content-Type": "application/json", SIGNATURE_HEADER: sign(source["secret"], int(time.time()), body)})
    status = connection.getresponse().status
    connection.close()
    assert status == 201
