"""The redirect's use case without Firestore: the visitor's answer needs no write, and ``record`` writes one click
(a first click another instance wrote already becomes a repeat, the visitor keeping their first click's id)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from crm.domain.partners.clicks import ClickKind, ClickRecord, LinkTarget, RedirectSettings, Visit
from crm.services.partners.clicks import SeenWindows, record, redirect

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"


class MemoryClicks:
    """A ClickTracking over a dict, shared between "instances" like the Firestore collection is."""

    def __init__(self, clicks: dict[str, ClickRecord] | None = None, *, failing: bool = False):
        self.clicks = {} if clicks is None else clicks
        self.failing = failing

    def target(self, code: str) -> LinkTarget | None:
        return LinkTarget("link-1", "partner-1", "https://shop.example.com/p", {"utm_source": "partner"},
                          True) if code == "spring" else None

    def settings(self) -> RedirectSettings:
        return RedirectSettings(("shop.example.com",), "click_id", b"s" * 32)

    def create(self, click: ClickRecord) -> bool:
        if self.failing:
            raise ConnectionError("Firestore is unreachable")
        if click.click_id in self.clicks:
            return False
        self.clicks[click.click_id] = click
        return True


def visit(address: str = "198.51.100.1", agent: str = BROWSER, code: str = "spring") -> Visit:
    return Visit(code=code, address=address, user_agent=agent, referrer_host=None, country=None, method="GET",
                 at=time.time())


def click_id(location: str) -> str:
    return parse_qs(urlsplit(location).query)["click_id"][0]


def test_the_answer_is_decided_without_writing_and_recorded_after():
    tracking = MemoryClicks()
    decided = redirect(tracking, SeenWindows(), visit())
    assert decided is not None and tracking.clicks == {}
    assert decided.location.startswith("https://shop.example.com/p?utm_source=partner&click_id=")
    record(tracking, decided.click)
    assert list(tracking.clicks) == [click_id(decided.location)]
    assert tracking.clicks[click_id(decided.location)].kind is ClickKind.UNIQUE


def test_a_repeat_on_the_same_instance_gets_an_id_of_its_own():
    tracking, seen = MemoryClicks(), SeenWindows()
    first, again = redirect(tracking, seen, visit()), redirect(tracking, seen, visit())
    assert first is not None and again is not None
    assert again.click.kind is ClickKind.REPEAT and again.click.click_id != first.click.click_id


def test_a_first_click_another_instance_recorded_is_written_as_a_repeat_under_the_same_answer():
    shared: dict[str, ClickRecord] = {}
    one, other = MemoryClicks(shared), MemoryClicks(shared)
    first = redirect(one, SeenWindows(), visit())
    assert first is not None
    record(one, first.click)
    again = redirect(other, SeenWindows(), visit())
    assert again is not None and click_id(again.location) == click_id(first.location)
    record(other, again.click)
    assert sorted(c.kind for c in shared.values()) == [ClickKind.REPEAT, ClickKind.UNIQUE]


def test_a_bot_is_answered_and_marked():
    tracking = MemoryClicks()
    decided = redirect(tracking, SeenWindows(), visit(agent="Googlebot/2.1"))
    assert decided is not None
    record(tracking, decided.click)
    assert [c.kind for c in tracking.clicks.values()] == [ClickKind.BOT]


def test_an_unknown_code_is_no_answer_and_no_write():
    tracking = MemoryClicks()
    assert redirect(tracking, SeenWindows(), visit(code="nope")) is None
    assert tracking.clicks == {}


def test_a_click_that_cannot_be_written_is_logged_and_the_visitor_already_gone(caplog):
    tracking = MemoryClicks(failing=True)
    decided = redirect(tracking, SeenWindows(), visit())
    assert decided is not None
    record(tracking, decided.click)
    assert "could not record a click on link link-1" in caplog.text
