"""A visit to a tracked link: find the link (remembered by the instance), classify the visitor, answer where to send
them with the click id, and then record the click with one write and no read of earlier clicks.

The answer needs no Firestore call (the link and the programme's settings are remembered by the instance), so the
visitor does not wait for the write: ``redirect`` decides the click, the HTTP layer sends the 302, and ``record``
writes the click once the answer has left. A repeat is told without reading: the first click of a visitor on a link
in a repeat window has an id derived from (link, visitor, window) and is created with a create-precondition, so a
second one is refused by Firestore (and then written under a random id as a repeat); the instance also remembers
the windows it has seen, which spares that refused create for repeats that reach the same instance. Plain Python:
the redirect imports nothing heavier."""

from __future__ import annotations

import functools
import logging
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Protocol

from crm.domain.partners.clicks import (
    AgentClass,
    ClickKind,
    ClickRecord,
    LinkTarget,
    RedirectSettings,
    Visit,
    agent_class,
    first_click_id,
    new_click_id,
    repeat_window,
    visitor_hash,
)
from crm.domain.partners.destinations import still_allowed, with_parameters

logger = logging.getLogger("crm.partners.clicks")
MAX_REMEMBERED_WINDOWS = 50_000
_CLICK_ID_MARK = f"x{secrets.token_hex(16)}x"  # stands for the click id in a cached location; no link can guess it


class ClickTracking(Protocol):
    def target(self, code: str) -> LinkTarget | None:
        """The link with ``code`` (remembered briefly by the instance), or None."""
        ...

    def settings(self) -> RedirectSettings: ...

    def create(self, record: ClickRecord) -> bool:
        """Write the click with a create-precondition: False when a click with its id exists already."""
        ...


@dataclass
class SeenWindows:
    """The (link, visitor, window) keys this instance has recorded a first click for, the oldest forgotten first."""

    limit: int = MAX_REMEMBERED_WINDOWS
    _keys: OrderedDict[str, None] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def seen(self, key: str) -> bool:
        with self._lock:
            return key in self._keys

    def remember(self, key: str) -> None:
        with self._lock:
            self._keys[key] = None
            self._keys.move_to_end(key)
            while len(self._keys) > self.limit:
                self._keys.popitem(last=False)


@dataclass(frozen=True)
class Redirect:
    """Where the visitor goes, and the click to record once they are on their way (``record``)."""

    location: str
    click: ClickRecord


def redirect(tracking: ClickTracking, seen: SeenWindows, visit: Visit) -> Redirect | None:
    """Where to send the visitor, with the click id (None: no such live link, or its destination is no longer
    allowed). Nothing is written here: the click id is decided without a read, and the click is recorded by
    ``record`` after the answer has left, so the visitor never waits for Firestore."""
    target = tracking.target(visit.code)
    if target is None or not target.live:
        return None
    settings = tracking.settings()
    location = _location(target.destination, tuple(target.utm.items()), settings.click_parameter,
                         settings.allowed_hosts)
    if location is None:
        logger.warning("link %s points to a host that is no longer allowed", target.link_id)
        return None
    click = _classify(seen, settings.salt, target, visit)
    before, after = location
    return Redirect(f"{before}{click.click_id}{after}", click)


@functools.lru_cache(maxsize=4096)
def _location(destination: str, utm: tuple[tuple[str, str | None], ...], parameter: str,
              allowed_hosts: tuple[str, ...]) -> tuple[str, str] | None:
    """A destination with its UTM fields, split where the click id goes (None: its host is no longer allowed).
    Built once per link and settings, not per click: a click id is letters and digits, which need no quoting."""
    if not still_allowed(destination, allowed_hosts):
        return None
    before, _, after = with_parameters(destination, dict(utm), {parameter: _CLICK_ID_MARK}).rpartition(_CLICK_ID_MARK)
    return before, after


def record(tracking: ClickTracking, click: ClickRecord) -> None:
    """Write the click decided by ``redirect``: one create. A first click that another instance recorded already
    (the create refused) is the same visitor's repeat: it is written under an id of its own as a repeat, and the
    visitor keeps the first click's id, which names their own earlier click on the same link. A click that cannot be
    written is logged; the visitor has gone on."""
    try:
        if tracking.create(click) or click.kind is not ClickKind.UNIQUE:
            return
        tracking.create(replace(click, click_id=new_click_id(), kind=ClickKind.REPEAT))
    except Exception:
        logger.exception("could not record a click on link %s", click.link_id)


def _classify(seen: SeenWindows, salt: bytes, target: LinkTarget, visit: Visit) -> ClickRecord:
    """The click a visit makes: a bot's, the visitor's first in this repeat window (an id derived from link,
    visitor and window: a second instance derives the same one), or a repeat this instance has seen the first of."""
    agent = agent_class(visit.user_agent, visit.method)
    visitor = visitor_hash(salt, visit.address)
    window = repeat_window(visit.at)

    def click(click_id: str, kind: ClickKind) -> ClickRecord:
        return ClickRecord(click_id, target.link_id, target.partner_id, kind, agent, visitor, window,
                           visit.referrer_host, visit.country)

    if agent is AgentClass.BOT:
        return click(new_click_id(), ClickKind.BOT)  # a conversion carrying it is not attributed (a bot's click)
    key = f"{target.link_id}|{visitor}|{window}"
    if seen.seen(key):
        return click(new_click_id(), ClickKind.REPEAT)
    seen.remember(key)
    return click(first_click_id(salt, target.link_id, visitor, window), ClickKind.UNIQUE)
