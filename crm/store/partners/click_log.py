"""The redirect's Firestore side: links looked up by code and remembered by the instance for a minute (unknown codes
for a few seconds), the programme's redirect settings and click salt remembered likewise, and each click written as
one document created with a create-precondition: one write, no read."""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1 import FieldFilter

from crm.domain.partners.clicks import ClickRecord, LinkTarget, RedirectSettings
from crm.domain.partners.codes import code_key
from crm.store.collections import CollectionNames
from crm.store.encoding import stage_write
from crm.store.partners.collections import PROGRAMME_SETTINGS

LINK_SECONDS = 60.0
UNKNOWN_LINK_SECONDS = 15.0
SETTINGS_SECONDS = 60.0
MAX_CACHED_LINKS = 20_000
SALT = "click_salt"
UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
V = TypeVar("V")


class ExpiringCache(Generic[V]):
    """Values remembered until they expire, the least recently stored forgotten beyond ``limit``."""

    def __init__(self, limit: int, clock: Callable[[], float]):
        self._values: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._limit = limit
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bool, V | None]:
        with self._lock:
            found = self._values.get(key)
            if found is None or found[0] <= self._clock():
                return False, None
            return True, found[1]

    def put(self, key: str, value: V, seconds: float) -> None:
        with self._lock:
            self._values[key] = (self._clock() + seconds, value)
            self._values.move_to_end(key)
            while len(self._values) > self._limit:
                self._values.popitem(last=False)


class FirestoreClickTracking:
    """The ``ClickTracking`` of crm.services.partners.clicks over Firestore, one per instance."""

    def __init__(self, db: firestore.Client, names: CollectionNames, *, clock: Callable[[], float] = time.monotonic):
        partner_names = names.partner_programme
        self._db = db
        self._links = db.collection(partner_names.links)
        self._partners = db.collection(partner_names.partners)
        self._clicks = db.collection(partner_names.clicks)
        self._programme = db.collection(names.config).document(PROGRAMME_SETTINGS)
        self._salt = db.collection(partner_names.internals).document(SALT)
        self._targets: ExpiringCache[LinkTarget | None] = ExpiringCache(MAX_CACHED_LINKS, clock)
        self._settings: ExpiringCache[RedirectSettings] = ExpiringCache(1, clock)
        self._clock = clock

    def target(self, code: str) -> LinkTarget | None:
        key = code_key(code)
        known, target = self._targets.get(key)
        if known:
            return target
        target = self._look_up(key)
        self._targets.put(key, target, LINK_SECONDS if target else UNKNOWN_LINK_SECONDS)
        return target

    def _look_up(self, key: str) -> LinkTarget | None:
        found = list(self._links.where(filter=FieldFilter("code_key", "==", key)).limit(1).stream())
        if not found:
            return None
        link = found[0].to_dict() or {}
        partner = self._partners.document(link["partner_id"]).get(field_paths=["status"])
        live = bool(link.get("active", True)) and partner.exists and partner.get("status") == "active"
        return LinkTarget(found[0].id, link["partner_id"], link["destination"],
                          {name: link.get(name) for name in UTM}, live)

    def settings(self) -> RedirectSettings:
        known, settings = self._settings.get("")
        if known and settings is not None:
            return settings
        programme, salt = self._db.get_all([self._programme, self._salt])
        if programme.reference.path != self._programme.path:
            programme, salt = salt, programme
        data: dict[str, Any] = (programme.to_dict() or {}) if programme.exists else {}
        settings = RedirectSettings(tuple(data.get("allowed_hosts", [])), data.get("click_parameter", "click_id"),
                                    salt.get("salt") if salt.exists else self._make_salt())
        self._settings.put("", settings, SETTINGS_SECONDS)
        return settings

    def _make_salt(self) -> bytes:
        """The programme's secret salt, made once (by whichever instance comes first) and never shown."""
        with contextlib.suppress(google_exceptions.AlreadyExists):
            self._salt.create({"salt": secrets.token_bytes(32)})
        return bytes(self._salt.get().get("salt"))

    def create(self, record: ClickRecord) -> bool:
        document = {
            "link_id": record.link_id, "partner_id": record.partner_id, "kind": record.kind.value,
            "agent": record.agent.value, "visitor": record.visitor, "window": record.window,
            "referrer_host": record.referrer_host, "country": record.country, "at": firestore.SERVER_TIMESTAMP,
        }
        batch = self._db.batch()
        stage_write(batch, self._clicks.document(record.click_id), document, create=True)
        try:
            batch.commit()
        except google_exceptions.AlreadyExists:
            return False
        return True
