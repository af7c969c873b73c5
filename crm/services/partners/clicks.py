"""A visit to a tracked link: find the link (remembered by the instance), classify the visitor, record the click
with one write and no read of earlier clicks, and answer where to send the visitor, with the click id.

A repeat is told without reading: the first click of a visitor on a link in a repeat window has an id derived from
(link, visitor, window) and is created with a create-precondition, so a second one is refused by Firestore (and
then written under a random id as a repeat); the instance also remembers the windows it has seen, which spares that
refused create for repeats that reach the same instance. Plain Python: the redirect imports nothing heavier."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
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


def redirect(tracking: ClickTracking, seen: SeenWindows, visit: Visit) -> str | None:
    """Where to send the visitor (None: no such live link, or its destination is no longer allowed), after recording
    the click. A click that cannot be written still redirects, without a click id, so no visitor is stranded."""
    target = tracking.target(visit.code)
    if target is None or not target.live:
        return None
    settings = tracking.settings()
    if not still_allowed(target.destination, settings.allowed_hosts):
        logger.warning("link %s points to a host that is no longer allowed", target.link_id)
        return None
    try:
        click_id = _record(tracking, seen, settings.salt, target, visit)
    except Exception:  # the visitor goes on; the click is lost and said so in the log
        logger.exception("could not record a click on link %s", target.link_id)
        return with_parameters(target.destination, target.utm, {})
    return with_parameters(target.destination, target.utm, {settings.click_parameter: click_id})


def _record(tracking: ClickTracking, seen: SeenWindows, salt: bytes, target: LinkTarget, visit: Visit) -> str:
    agent = agent_class(visit.user_agent, visit.method)
    visitor = visitor_hash(salt, visit.address)
    window = repeat_window(visit.at)

    def record(click_id: str, kind: ClickKind) -> ClickRecord:
        return ClickRecord(click_id, target.link_id, target.partner_id, kind, agent, visitor, window,
                           visit.referrer_host, visit.country)

    if agent is AgentClass.BOT:
        bot = record(new_click_id(), ClickKind.BOT)
        tracking.create(bot)
        return bot.click_id  # a conversion carrying it is not attributed (a bot's click)
    key = f"{target.link_id}|{visitor}|{window}"
    if not seen.seen(key):
        first = record(first_click_id(salt, target.link_id, visitor, window), ClickKind.UNIQUE)
        created = tracking.create(first)
        seen.remember(key)
        if created:
            return first.click_id
    repeat = record(new_click_id(), ClickKind.REPEAT)
    tracking.create(repeat)
    return repeat.click_id
