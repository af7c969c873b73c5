"""The partner programme's pure rules: destinations (no open redirect), visitors and click ids, signatures of
postbacks, the last-click rule, what a plan earns, the wallet's ledger and a commission's life."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from crm.domain.partners.clicks import (
    REPEAT_WINDOW_SECONDS,
    AgentClass,
    agent_class,
    country_from,
    first_click_id,
    is_click_id,
    new_click_id,
    referrer_host,
    repeat_window,
    visitor_hash,
)
from crm.domain.partners.commissions import CommissionStatus, approve, include_in_payout, new_commission, reverse
from crm.domain.partners.conversions import ClickRef, UnattributedReason, last_click
from crm.domain.partners.destinations import (
    DestinationError,
    check_destination,
    normalize_allowed_host,
    still_allowed,
    with_parameters,
)
from crm.domain.partners.payouts import payout_cents
from crm.domain.partners.plans import CommissionPlan, PurchaseScope, add_months, purchase_earning, signup_earning
from crm.domain.partners.sources import SourceSecrets, rotated, sign, verify_signature
from crm.domain.partners.wallets import LedgerError, LedgerKind, WalletState, post, replay
from crm.errors import FailedPreconditionError, UnauthenticatedError

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
ALLOWED = ("shop.example.com", "*.example.org")
SALT = b"s" * 32


@pytest.mark.parametrize(("url", "stored"), [
    ("https://shop.example.com", "https://shop.example.com/"),
    ("HTTPS://Shop.Example.com:8443/a?b=1#c", "https://shop.example.com:8443/a?b=1#c"),
    ("http://blog.example.org/post", "http://blog.example.org/post"),
    ("https://deep.blog.example.org/", "https://deep.blog.example.org/"),
])
def test_destinations_on_allowed_hosts_are_kept(url, stored):
    assert check_destination(url, ALLOWED) == stored


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "ftp://shop.example.com/", "//shop.example.com/", "/relative",
    "https://shop.example.com.evil.net/", "https://evil.net/?shop.example.com", "https://example.org/",
    "https://user@shop.example.com/", "https://shop.example.com\\@evil.net/", "https://shop.example.com/ x",
    "https://shop.example.com:99999/", "https://" + "a" * 2000 + ".example.org/", "",
])
def test_anything_else_is_refused(url):
    with pytest.raises(DestinationError):
        check_destination(url, ALLOWED)


def test_allowed_host_entries_are_normalized_and_checked():
    assert normalize_allowed_host(" Shop.Example.COM. ") == "shop.example.com"
    assert normalize_allowed_host("*.Παράδειγμα.gr") == "*.xn--hxajbheg2az3al.gr"
    for bad in ("", "*.", "exa mple.com", "-bad.com", "http://shop.example.com"):
        with pytest.raises(DestinationError):
            normalize_allowed_host(bad)


def test_a_stored_destination_stops_when_its_host_leaves_the_list():
    assert still_allowed("https://shop.example.com/x", ALLOWED)
    assert not still_allowed("https://shop.example.com/x", ("other.example.com",))


def test_the_click_id_replaces_a_parameter_of_that_name_and_utm_fields_never_override():
    url = with_parameters("https://shop.example.com/p?utm_source=own&click_id=forged#top",
                          {"utm_source": "partner", "utm_medium": "blog", "utm_term": None}, {"click_id": "abc"})
    assert url == "https://shop.example.com/p?utm_source=own&utm_medium=blog&click_id=abc#top"


@pytest.mark.parametrize(("agent", "method", "kind"), [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0", "GET", AgentClass.DESKTOP),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148", "GET", AgentClass.MOBILE),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36", "GET", AgentClass.MOBILE),
    ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)", "GET", AgentClass.TABLET),
    ("Mozilla/5.0 (Linux; Android 13; SM-X200) Safari/537.36", "GET", AgentClass.TABLET),
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "GET", AgentClass.BOT),
    ("facebookexternalhit/1.1", "GET", AgentClass.BOT),
    ("WhatsApp/2.23.20.0", "GET", AgentClass.BOT),
    ("curl/8.4.0", "GET", AgentClass.BOT),
    ("python-requests/2.31", "GET", AgentClass.BOT),
    ("Mozilla/5.0 (Windows NT 10.0) Chrome/124.0", "HEAD", AgentClass.BOT),
    ("", "GET", AgentClass.BOT),
    (None, "GET", AgentClass.BOT),
    ("SomeTV/1.0", "GET", AgentClass.OTHER),
])
def test_agents_are_classed(agent, method, kind):
    assert agent_class(agent, method) is kind


def test_where_a_click_came_from_keeps_only_hosts_and_real_countries():
    assert referrer_host("https://Blog.Example.org/post?id=7") == "blog.example.org"
    assert referrer_host("not a url") is None and referrer_host(None) is None
    assert country_from({"X-Appengine-Country": "gr"}) == "GR"
    assert country_from({"X-Appengine-Country": "ZZ", "CF-IPCountry": "DE"}) == "DE"
    assert country_from({"X-Client-Geo-Location": "XX"}) is None


def test_a_visitor_is_a_keyed_hash_and_a_first_click_id_is_the_same_within_a_window():
    visitor = visitor_hash(SALT, "198.51.100.7")
    assert visitor != visitor_hash(b"t" * 32, "198.51.100.7") and "198.51.100.7" not in visitor
    window = repeat_window(NOW.timestamp())
    assert repeat_window(NOW.timestamp() + REPEAT_WINDOW_SECONDS) == window + 1
    first = first_click_id(SALT, "link-1", visitor, window)
    assert first == first_click_id(SALT, "link-1", visitor, window)
    assert first != first_click_id(SALT, "link-1", visitor, window + 1)
    assert first != first_click_id(SALT, "link-2", visitor, window)
    assert is_click_id(first) and is_click_id(new_click_id()) and new_click_id() != new_click_id()
    assert not is_click_id("A" * 24) and not is_click_id("a" * 23)


def test_a_signature_is_accepted_only_fresh_whole_and_by_a_valid_secret():
    body = b'{"event_id":"e-1","type":"install"}'
    stamp = int(NOW.timestamp())
    verify_signature(["cvs_a"], sign("cvs_a", stamp, body), body, NOW)
    refused = [
        (["cvs_a"], None, body),
        (["cvs_a"], "v1=abc", body),
        (["cvs_a"], sign("cvs_b", stamp, body), body),
        (["cvs_a"], sign("cvs_a", stamp, body), body + b" "),
        (["cvs_a"], sign("cvs_a", stamp - 301, body), body),
    ]
    for secrets, header, sent in refused:
        with pytest.raises(UnauthenticatedError):
            verify_signature(secrets, header, sent, NOW)


def test_a_rotated_secret_keeps_the_previous_one_for_a_day():
    secrets = rotated(SourceSecrets(current="cvs_old"), "cvs_new", NOW)
    assert secrets.valid(NOW + timedelta(hours=23)) == ["cvs_new", "cvs_old"]
    assert secrets.valid(NOW + timedelta(days=1, seconds=1)) == ["cvs_new"]


def click(minutes_before: float, *, bot: bool = False, partner: str = "p-1") -> ClickRef:
    return ClickRef(click_id=f"c{minutes_before}", link_id="l-1", partner_id=partner, at=NOW - timedelta(
        minutes=minutes_before), bot=bot)


def test_the_last_human_click_within_the_window_wins():
    chosen = last_click([click(60 * 24 * 3, partner="p-old"), click(30, partner="p-new"), click(5, bot=True)],
                        NOW, 30)
    assert chosen.click is not None and chosen.click.partner_id == "p-new"


@pytest.mark.parametrize(("candidates", "reason"), [
    ([], UnattributedReason.UNKNOWN_CONTACT),
    ([click(1, bot=True)], UnattributedReason.BOT_CLICK),
    ([click(-10)], UnattributedReason.CLICK_AFTER_EVENT),
    ([click(60 * 24 * 31)], UnattributedReason.OUTSIDE_WINDOW),
])
def test_no_click_is_chosen(candidates, reason):
    assert last_click(candidates, NOW, 30).reason is reason


def test_a_click_a_few_minutes_after_the_event_still_counts_for_the_clocks_differ():
    assert last_click([click(-3)], NOW, 30).click is not None


def plan(**fields) -> CommissionPlan:
    return CommissionPlan(id="plan", name="Plan", created_at=NOW, updated_at=NOW, **fields)


def test_a_signup_earns_the_plans_amount_in_its_currency_only():
    earning = signup_earning(plan(signup_amounts={"EUR": Decimal("5.00")}), "EUR")
    assert (earning.cents, earning.currency) == (500, "EUR")
    assert signup_earning(plan(signup_amounts={"EUR": Decimal("5.00")}), "USD") is None


def test_a_first_purchase_plan_pays_once_rounded_half_up():
    first = plan(purchase_percent=Decimal("10"), purchase_scope=PurchaseScope.FIRST)
    assert purchase_earning(first, 10505, "EUR", first_purchase_at=None, occurred_at=NOW).cents == 1051
    assert purchase_earning(first, 10000, "EUR", first_purchase_at=NOW, occurred_at=NOW) is None


def test_a_recurring_plan_pays_every_purchase_for_its_months():
    recurring = plan(purchase_percent=Decimal("12.5"), purchase_scope=PurchaseScope.RECURRING, recurring_months=3)
    start = datetime(2026, 1, 31, tzinfo=UTC)
    assert purchase_earning(recurring, 800, "EUR", first_purchase_at=start,
                            occurred_at=datetime(2026, 4, 29, 23, 59, tzinfo=UTC)).cents == 100
    assert purchase_earning(recurring, 800, "EUR", first_purchase_at=start,
                            occurred_at=datetime(2026, 4, 30, tzinfo=UTC)) is None  # three months on: over
    assert add_months(start, 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2027, 12, 31, tzinfo=UTC), 2) == datetime(2028, 2, 29, tzinfo=UTC)


def test_the_wallet_is_the_sum_of_its_ledger_and_never_loses_money():
    wallet = WalletState("p-1", "EUR")
    entries = []
    for kind, cents in ((LedgerKind.EARNED, 500), (LedgerKind.EARNED, 300), (LedgerKind.APPROVED, 500),
                        (LedgerKind.PAYOUT_CREATED, 500), (LedgerKind.PAYOUT_PAID, 500), (LedgerKind.REVERSED, 300)):
        wallet, posting = post(wallet, kind, cents)
        entries.append(posting)
    assert wallet.cents == {"pending": 0, "approved": 0, "in_payout": 0, "paid": 500, "reversed": 300}
    assert [p.seq for p in entries] == [1, 2, 3, 4, 5, 6] and entries[0].entry_id == "p-1_EUR_0000000001"
    assert replay("p-1", "EUR", [p.movements for p in entries]) == wallet
    assert sum(sum(p.movements.values()) for p in entries) == 800  # only earning adds; the rest moves


def test_a_ledger_entry_that_would_overdraw_a_bucket_is_refused():
    with pytest.raises(LedgerError):
        post(WalletState("p-1", "EUR"), LedgerKind.APPROVED, 100)
    with pytest.raises(LedgerError):
        post(WalletState("p-1", "EUR"), LedgerKind.EARNED, 0)


def test_a_commission_is_approved_once_paid_once_and_reversed_once():
    commission = new_commission(commission_id="c-1", partner_id="p-1", conversion_id="v-1",
                                conversion_type="purchase", link_id="l-1", customer_id=None, cents=1234,
                                currency="EUR", rule="10%", earned_at=NOW, hold_days=30, now=NOW)
    assert (commission.status, commission.amount, commission.approvable_at) == (
        CommissionStatus.PENDING, Decimal("12.34"), NOW + timedelta(days=30))
    with pytest.raises(FailedPreconditionError):
        include_in_payout(commission, "payout-1", now=NOW)
    approved = approve(commission, by="mgr", now=NOW)
    with pytest.raises(FailedPreconditionError):
        approve(approved, by="mgr", now=NOW)
    in_payout = include_in_payout(approved, "payout-1", now=NOW)
    with pytest.raises(FailedPreconditionError):
        include_in_payout(in_payout, "payout-2", now=NOW)
    assert reverse(commission, reason="refund", now=NOW)[1] == "pending"
    reversed_, taken_from = reverse(approved, reason="refund", now=NOW)
    assert (reversed_.status, taken_from) == (CommissionStatus.REVERSED, "approved")
    with pytest.raises(FailedPreconditionError):
        reverse(reversed_, reason="again", now=NOW)


@pytest.mark.parametrize(("approved_balance", "commissions", "paid"), [
    (3000, [1000, 2000], 3000),  # nothing clawed back: the commissions, whole
    (1500, [1000, 2000], 1500),  # a paid commission of 15.00 refunded since: its amount is held back
])
def test_a_payout_pays_the_approved_commissions_less_what_refunds_clawed_back(approved_balance, commissions, paid):
    assert payout_cents(approved_balance, commissions) == paid


@pytest.mark.parametrize(("approved_balance", "commissions"), [(-500, [1000]), (0, [1000]), (2000, [])])
def test_no_payout_while_the_partner_owes_more_than_is_approved_or_nothing_is_approved(approved_balance, commissions):
    with pytest.raises(FailedPreconditionError):
        payout_cents(approved_balance, commissions)
