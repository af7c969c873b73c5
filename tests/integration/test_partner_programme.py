"""What only Firestore proves of the partner programme: a click is one write and no read once the instance knows the
link, concurrent conversions for one partner lose nothing of the wallet, and the scheduled minute counts every
click once and approves the commissions whose hold period has ended."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from google.cloud.firestore_v1 import DocumentReference, Query, WriteBatch
from google.cloud.firestore_v1.client import Client

from crm.domain.common import utc_now
from crm.domain.partners.clicks import Visit
from crm.domain.partners.commissions import CommissionListParams
from crm.domain.partners.conversions import ConversionEvent, month_of
from crm.domain.partners.links import PartnerLinkCreate
from crm.domain.partners.partners import PartnerCreate
from crm.domain.partners.plans import PlanCreate
from crm.domain.partners.programme import PartnerProgrammeUpdate
from crm.services.partners import links, partners, settings
from crm.services.partners.clicks import SeenWindows, record, redirect
from crm.services.partners.commissions import approve_due_commissions
from crm.services.partners.conversions import Locale, receive_conversion
from crm.store.partners.click_log import FirestoreClickTracking
from crm.store.partners.readers import PartnerReaders
from crm.store.partners.rollup import roll_up_clicks
from tests.utils.deal_steps import run_together
from tests.utils.factories import admin_caller

pytestmark = pytest.mark.emulator
HOST = "shop.example.com"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
LOCALE = Locale("GR", "el")
WRITERS = 12
UNHINTED = 3  # conversions without a known click: no in-process queue, so Firestore's own contention decides


@pytest.fixture
def readers(db, names) -> PartnerReaders:
    return PartnerReaders(db, names)


@pytest.fixture
def link(transactions):
    admin = admin_caller()
    settings.update_programme(transactions, PartnerProgrammeUpdate(allowed_hosts=[HOST]), admin)
    plan = settings.create_plan(transactions, PlanCreate(name="Ten percent", signup_amounts={"EUR": Decimal("5")},
                                                         purchase_percent=Decimal("10"), purchase_scope="first"), admin)
    partner = partners.create_partner(transactions, PartnerCreate(name="Blog", plan_id=plan.id), admin, "EUR")
    return links.create_link(transactions, PartnerLinkCreate(partner_id=partner.id,
                                                             destination=f"https://{HOST}/p"), admin)


@pytest.fixture
def tracking(db, names) -> FirestoreClickTracking:
    return FirestoreClickTracking(db, names)


def visit(tracking: FirestoreClickTracking, seen: SeenWindows, code: str, address: str,
          agent: str = BROWSER) -> str:
    decided = redirect(tracking, seen, Visit(code=code, address=address, user_agent=agent, referrer_host=None,
                                             country="GR", method="GET", at=time.time()))
    assert decided is not None
    record(tracking, decided.click)  # what the HTTP layer does once the 302 has been sent
    return parse_qs(urlsplit(decided.location).query)["click_id"][0]


class FirestoreCalls:
    """Counts the reads and writes the Firestore client is asked for, at the client library's door."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.calls: Counter[str] = Counter()
        for owner, name in ((DocumentReference, "get"), (DocumentReference, "create"), (DocumentReference, "set"),
                            (DocumentReference, "update"), (WriteBatch, "commit"), (Query, "stream"), (Query, "get"),
                            (Client, "get_all")):
            monkeypatch.setattr(owner, name, self._counting(f"{owner.__name__}.{name}", getattr(owner, name)))

    def _counting(self, label, method):
        def counted(*args, **kwargs):
            self.calls[label] += 1
            return method(*args, **kwargs)

        return counted


def test_a_click_on_a_known_link_is_one_write_and_no_read(link, tracking, monkeypatch):
    seen = SeenWindows()
    visit(tracking, seen, link.code, "198.51.100.1")  # the instance learns the link and the settings
    calls = FirestoreCalls(monkeypatch)
    for n in range(5):
        visit(tracking, seen, link.code, f"198.51.100.{10 + n}")
    visit(tracking, seen, link.code, "198.51.100.10")  # a repeat this instance has seen
    visit(tracking, seen, link.code, "198.51.100.99", agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    assert calls.calls == Counter({"WriteBatch.commit": 7})  # one write each


def test_a_repeat_seen_by_another_instance_is_told_by_firestore_not_by_a_read(link, db, names, tracking, readers):
    first = visit(tracking, SeenWindows(), link.code, "198.51.100.1")
    other_instance = FirestoreClickTracking(db, names)
    again = visit(other_instance, SeenWindows(), link.code, "198.51.100.1")
    assert again == first  # the visitor keeps the id of their own first click on the link in this window
    kinds = sorted(c.kind for c in readers.activity.clicks(link.partner_id, None, 10, None).results)
    assert kinds == ["repeat", "unique"]


def test_concurrent_conversions_for_one_partner_keep_the_wallet_exact(link, transactions, tracking, readers):
    seen = SeenWindows()
    clicks = [visit(tracking, seen, link.code, f"203.0.113.{n}") for n in range(WRITERS)]
    amounts = [Decimal(f"{100 + n}.{n:02d}") for n in range(WRITERS)]

    def convert(n: int) -> str:
        event = ConversionEvent(event_id=f"buy-{n}", type="purchase", click_id=clicks[n], amount=amounts[n],
                                currency="EUR")
        hint = link.partner_id if n >= UNHINTED else None
        received = receive_conversion(transactions, "shop", event, LOCALE, hint)
        assert received.created and received.conversion.attributed
        return received.conversion.commission_id or ""

    commission_ids = run_together(convert, WRITERS)

    assert len(set(commission_ids)) == WRITERS and all(commission_ids)
    expected = sum((amount / 10).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for amount in amounts)
    [wallet] = readers.wallets.wallets(link.partner_id)
    assert (wallet.currency, wallet.entries) == ("EUR", WRITERS)
    assert wallet.cents["pending"] == int(expected * 100)
    ledger = readers.wallets.ledger(link.partner_id, "EUR", 50, None).results
    assert sorted(entry.seq for entry in ledger) == list(range(1, WRITERS + 1))
    assert sum(Decimal(entry.movements["pending"]) for entry in ledger) == expected


def test_the_minute_counts_each_click_once_and_approves_what_is_due(link, db, names, transactions, tracking,
                                                                    readers):
    seen = SeenWindows()
    click_id = visit(tracking, seen, link.code, "192.0.2.1")
    visit(tracking, seen, link.code, "192.0.2.1")
    visit(tracking, seen, link.code, "192.0.2.2")
    visit(tracking, seen, link.code, "192.0.2.3", agent="curl/8.4.0")
    receive_conversion(transactions, "shop", ConversionEvent(event_id="s-1", type="signup", click_id=click_id),
                       LOCALE, link.partner_id)

    assert roll_up_clicks(db, names, lag=timedelta(0)).clicks == 4
    assert roll_up_clicks(db, names, lag=timedelta(0)).clicks == 0
    month = month_of(utc_now())
    figures = readers.totals.partner_months(link.partner_id, [month])[month]
    assert (figures["clicks"], figures["unique_clicks"], figures["bot_clicks"]) == (3, 2, 1)

    assert approve_due_commissions(transactions, readers.activity, now=utc_now()) == 0
    assert approve_due_commissions(transactions, readers.activity, now=utc_now() + timedelta(days=31)) == 1
    [commission] = readers.activity.commissions(CommissionListParams(partner_id=link.partner_id)).results
    assert commission.status == "approved"
    [wallet] = readers.wallets.wallets(link.partner_id)
    assert (wallet.cents["pending"], wallet.cents["approved"]) == (0, 500)


def test_the_demo_programme_has_partners_with_figures_wallets_and_a_paid_payout(db, names, transactions, readers):
    from crm.devstack.demo_partners import DEMO_AFFILIATE, load_demo_partners
    from crm.domain.partners.partners import PartnerListParams

    assert load_demo_partners(transactions, db, names) >= 10
    listed = readers.partners.list(PartnerListParams(page_size=10)).results
    assert len(listed) == 3
    affiliate = readers.partners.of_user(DEMO_AFFILIATE)
    assert affiliate is not None
    [wallet] = readers.wallets.wallets(affiliate.id)
    assert wallet.cents["paid"] > 0 and wallet.cents["pending"] > 0
    month = month_of(utc_now())
    figures = readers.totals.partner_months(affiliate.id, [month])[month]
    assert figures["conversions"] >= 6 and figures.get("bot_clicks", 0) >= 1
