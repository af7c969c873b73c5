"""Where a tracked link may send a visitor: http(s) URLs on the allowed hosts only (no open redirect), and the URL a
click is sent to, with the link's UTM fields and the click id added. Plain Python: the redirect imports it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_URL_LENGTH = 2000
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_FORBIDDEN = re.compile(r"[\s\\\x00-\x1f\x7f]")


class DestinationError(ValueError):
    """A destination that is not an http(s) URL on an allowed host, or an allowed-host entry that is not a host."""


def normalize_host(host: str) -> str:
    """A host name as compared: lower-cased, without a trailing dot, international names in their ASCII form.

    Raises:
        DestinationError: not a valid host name.
    """
    host = host.strip().rstrip(".").lower()
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise DestinationError(f"{host!r} is not a valid host name") from None
    labels = ascii_host.split(".")
    if not ascii_host or len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise DestinationError(f"{host!r} is not a valid host name")
    return ascii_host


def normalize_allowed_host(entry: str) -> str:
    """An allowed-host entry: a host name (``shop.example.com``), or ``*.example.com`` for its subdomains.

    Raises:
        DestinationError: neither.
    """
    entry = entry.strip().lower()
    if entry.startswith("*."):
        return "*." + normalize_host(entry[2:])
    return normalize_host(entry)


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    for entry in allowed:
        if entry.startswith("*."):
            if host.endswith(entry[1:]) and host != entry[2:]:
                return True
        elif host == entry:
            return True
    return False


def check_destination(url: str, allowed: Iterable[str]) -> str:
    """The destination as stored: an absolute http(s) URL without credentials whose host is allowed.

    Raises:
        DestinationError: with a sentence saying what is wrong.
    """
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH:
        raise DestinationError(f"a destination is an http(s) URL of at most {MAX_URL_LENGTH} characters")
    if _FORBIDDEN.search(url):
        raise DestinationError("a destination may not contain spaces, backslashes or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise DestinationError("not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise DestinationError("only http and https destinations are allowed")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise DestinationError("a destination may not carry a user name or password")
    if not parts.hostname:
        raise DestinationError("a destination needs a host")
    host = normalize_host(parts.hostname)
    if not host_allowed(host, allowed):
        raise DestinationError(f"{host} is not on the allowed hosts of the partner programme settings")
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, parts.fragment))


def still_allowed(url: str, allowed: Iterable[str]) -> bool:
    """Whether a stored destination's host is still allowed (the list may have changed since it was stored)."""
    try:
        return host_allowed(normalize_host(urlsplit(url).hostname or ""), allowed)
    except (DestinationError, ValueError):
        return False


def with_parameters(url: str, added: Mapping[str, str | None], replaced: Mapping[str, str]) -> str:
    """``url`` with ``added`` query parameters that it does not already carry, and ``replaced`` set whatever it
    carries; the fragment stays last."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in replaced]
    present = {key for key, _ in query}
    query += [(k, v) for k, v in added.items() if v and k not in present]
    query += list(replaced.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
