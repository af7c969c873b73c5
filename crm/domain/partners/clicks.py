"""A click on a tracked link, as the redirect sees it: what kind of agent made it, where it came from, who it was
(an address hashed with a secret salt, never stored in clear), and whether it repeats one made shortly before.
Plain Python: the redirect, the programme's hottest path, imports it and nothing heavier."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

REPEAT_WINDOW_SECONDS = 30 * 60
"""Clicks by one visitor on one link within the same 30 minutes count once as unique."""

_BOT = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|facebookexternalhit|facebot|embedly|whatsapp|telegram|skype|"
    r"vkshare|pinterest|quora link|outbrain|bitlybot|nuzzel|curl|wget|httpie|python|java/|go-http|okhttp|axios|"
    r"node-fetch|libwww|headless|phantomjs|lighthouse|pingdom|uptime|monitor|validator|check_http|"
    r"google-inspectiontool|apis-google|mediapartners|adsbot|feedfetcher",
    re.IGNORECASE,
)
_TABLET = re.compile(r"ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))", re.IGNORECASE)
_MOBILE = re.compile(r"mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone", re.IGNORECASE)
_DESKTOP = re.compile(r"windows nt|macintosh|x11|cros|linux x86_64", re.IGNORECASE)
_COUNTRY = re.compile(r"^[A-Z]{2}$")
COUNTRY_HEADERS = ("X-Appengine-Country", "X-Client-Geo-Location", "X-Country-Code", "CF-IPCountry")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


class AgentClass(StrEnum):
    DESKTOP = "desktop"
    MOBILE = "mobile"
    TABLET = "tablet"
    BOT = "bot"
    OTHER = "other"


class ClickKind(StrEnum):
    """How a click counts: ``unique`` counts as a click and a unique click, ``repeat`` (the same visitor on the same
    link within the repeat window) as a click only, ``bot`` (a known crawler, previewer or script) as neither."""

    UNIQUE = "unique"
    REPEAT = "repeat"
    BOT = "bot"


@functools.lru_cache(maxsize=4096)
def agent_class(user_agent: str | None, method: str = "GET") -> AgentClass:
    """The class of the agent behind a request: a known bot (or a HEAD request, or no user agent at all, which no
    browser sends), a tablet, a phone, a desktop browser, or other. Remembered per user agent: the same few
    hundred browsers make most clicks, and the bot pattern is the redirect's costliest step."""
    if method.upper() == "HEAD" or not user_agent or not user_agent.strip() or _BOT.search(user_agent):
        return AgentClass.BOT
    if _TABLET.search(user_agent):
        return AgentClass.TABLET
    if _MOBILE.search(user_agent):
        return AgentClass.MOBILE
    if _DESKTOP.search(user_agent):
        return AgentClass.DESKTOP
    return AgentClass.OTHER


def referrer_host(referrer: str | None) -> str | None:
    """The host a click came from (only the host: paths and queries of other sites are not ours to keep)."""
    if not referrer:
        return None
    try:
        host = urlsplit(referrer.strip()).hostname
    except ValueError:
        return None
    return host[:253].lower() if host else None


def country_from(headers: dict[str, str]) -> str | None:
    """The visitor's country as the platform tells it (App Engine's, a load balancer's or a CDN's header)."""
    for name in COUNTRY_HEADERS:
        value = headers.get(name)
        if not value:
            continue
        for token in re.split(r"[,\s;]+", value.strip().upper()):
            if _COUNTRY.match(token) and token not in ("XX", "ZZ", "T1"):
                return token
    return None


def visitor_hash(salt: bytes, address: str) -> str:
    """The visitor's client address, hashed with the programme's secret salt (keyed, so it cannot be reversed by
    hashing every address)."""
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]


def repeat_window(epoch_seconds: float) -> int:
    return int(epoch_seconds // REPEAT_WINDOW_SECONDS)


def first_click_id(salt: bytes, link_id: str, visitor: str, window: int) -> str:
    """The id of a visitor's first click on a link in a repeat window: the same for every click of that window, so a
    create with a create-precondition tells a repeat without reading anything; unguessable without the salt."""
    digest = hmac.new(salt, f"{link_id}|{visitor}|{window}".encode(), hashlib.sha256).digest()
    return _base32(digest[:15])


def new_click_id() -> str:
    """A random click id (repeats and bots), of the same shape as a first click's."""
    return _base32(secrets.token_bytes(15))


def _base32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().lower().rstrip("=")


def is_click_id(value: str) -> bool:
    return len(value) == 24 and all(ch in _ALPHABET for ch in value)


@dataclass(frozen=True)
class Visit:
    """What the redirect knows of a request."""

    code: str
    address: str
    user_agent: str | None
    referrer_host: str | None
    country: str | None
    method: str
    at: float


@dataclass(frozen=True)
class LinkTarget:
    """A link as the redirect needs it."""

    link_id: str
    partner_id: str
    destination: str
    utm: dict[str, str | None]
    live: bool


@dataclass(frozen=True)
class RedirectSettings:
    allowed_hosts: tuple[str, ...]
    click_parameter: str
    salt: bytes


@dataclass(frozen=True)
class ClickRecord:
    click_id: str
    link_id: str
    partner_id: str
    kind: ClickKind
    agent: AgentClass
    visitor: str
    window: int
    referrer_host: str | None
    country: str | None
