"""The partner programme over HTTP on the emulator: links and their redirect, signed postbacks (idempotent by event
id), attribution into leads, commissions into wallets, payouts, reports, and what an affiliate sees."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from crm.domain.partners.sources import SIGNATURE_HEADER, sign
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.partners.rollup import roll_up_clicks
from tests.api.helpers import assert_error
from tests.utils.partner_steps import (
    ALLOWED_HOST,
    BROWSER,
    arrange,
    click,
    make_link,
    post_event,
    signed,
)


@pytest.fixture
def admin(as_user):
    return as_user("boss", "admin")


@pytest.fixture
def programme(admin):
    return arrange(admin, uid="aff-1")


@pytest.fixture
def affiliate(as_user, programme):
    return as_user("aff-1", "affiliate")


def roll_up(settings):
    return roll_up_clicks(firestore_client(settings), CollectionNames(settings.collection_prefix), lag=timedelta(0))


def test_a_click_redirects_to_the_destination_with_the_utm_fields_and_a_click_id(anonymous, programme):
    response = anonymous.get(f"/r/{programme.code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": "198.51.100.1"})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"https://{ALLOWED_HOST}/landing?lang=en&utm_source=partner&click_id=")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_repeat_keeps_being_redirected_under_its_own_click_id(anonymous, programme):
    first = click(anonymous, programme.code, address="198.51.100.2")
    again = click(anonymous, programme.code, address="198.51.100.2")
    other = click(anonymous, programme.code, address="198.51.100.3")
    assert first[0] == again[0] == other[0] == 302
    assert len({first[1], again[1], other[1]}) == 3


@pytest.mark.parametrize("code", ["nope-nope", "ab", "a" * 40, "..%2f", "x y z"])
def test_a_code_no_live_link_has_answers_404(anonymous, programme, code):
    assert anonymous.get(f"/r/{code}").status_code == 404


def test_an_inactive_link_or_a_host_no_longer_allowed_stops_redirecting(admin, anonymous, programme, settings):
    second = make_link(admin, programme.partner_id)
    assert admin.patch(f"/api/crm/partner-links/{second['id']}", json={"active": False}).status_code == 200
    assert click(anonymous, second["code"])[0] == 404
    assert admin.put("/api/crm/settings/partner-programme", json={"allowed_hosts": ["other.example.com"]}) \
        .status_code == 200
    from crm.http.partners import redirect

    redirect._tracking.cache_clear()  # another instance, without the cached settings
    assert click(anonymous, programme.code)[0] == 404


@pytest.mark.parametrize(("destination", "message"), [
    pytest.param("javascript:alert(1)", "only http and https", id="javascript"),
    pytest.param("https://evil.example.net/", "not on the allowed hosts", id="foreign host"),
    pytest.param("https://user:pw@shop.example.com/", "user name or password", id="credentials"),
    pytest.param("https://shop.example.com\\@evil.example.net/", "backslashes", id="backslash"),
    pytest.param("//evil.example.net/", "only http and https", id="scheme-relative"),
    pytest.param("https://shop.example.com.evil.net/", "not on the allowed hosts", id="suffix trick"),
])
def test_a_link_goes_only_to_allowed_http_hosts(admin, programme, destination, message):
    response = admin.post("/api/crm/partner-links", json={"partner_id": programme.partner_id,
                                                          "destination": destination})
    error = assert_error(response, 422, "VALIDATION_FAILED")
    assert error["details"][0]["field"] == "destination" and message in error["details"][0]["message"]


def test_a_chosen_code_is_unique_whatever_its_case(admin, programme):
    make_link(admin, programme.partner_id, code="Spring-Sale")
    response = admin.post("/api/crm/partner-links", json={"partner_id": programme.partner_id, "code": "spring-sale",
                                                          "destination": f"https://{ALLOWED_HOST}/"})
    error = assert_error(response, 409, "ALREADY_EXISTS")
    assert error["details"][0]["field"] == "code"


def test_the_postback_takes_only_requests_signed_by_the_source(anonymous, programme):
    body = {"event_id": "e-1", "type": "install"}
    raw, headers = signed(programme.secret, body)
    url = f"/api/hooks/conversions/{programme.source_id}"
    assert_error(anonymous.post(url, data=raw, headers={"Content-Type": "application/json"}), 401, "UNAUTHENTICATED")
    wrong = signed("cvs_wrong", body)[1]
    assert_error(anonymous.post(url, data=raw, headers=wrong), 401, "UNAUTHENTICATED")
    stale = signed(programme.secret, body, at=1_000_000_000)[1]
    assert_error(anonymous.post(url, data=raw, headers=stale), 401, "UNAUTHENTICATED")
    tampered = raw.replace(b"install", b"signup")
    assert_error(anonymous.post(url, data=tampered, headers=headers), 401, "UNAUTHENTICATED")
    assert_error(anonymous.post("/api/hooks/conversions/no-such-source", data=raw, headers=headers), 404,
                 "NOT_FOUND")
    assert anonymous.post(url, data=raw, headers=headers).status_code == 201


def test_the_same_event_id_is_recorded_once(anonymous, admin, programme):
    _, click_id = click(anonymous, programme.code)
    first = post_event(anonymous, programme.source_id, programme.secret, event_id="buy-1", type="purchase",
                       click_id=click_id, amount="80.00", currency="EUR", email="ann@example.com")
    again = post_event(anonymous, programme.source_id, programme.secret, event_id="buy-1", type="purchase",
                       click_id=click_id, amount="80.00", currency="EUR", email="ann@example.com")
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true" and again.get_json() == first.get_json()
    commissions = admin.get(f"/api/crm/partner-commissions?partner_id={programme.partner_id}").get_json()
    assert [c["amount"] for c in commissions["results"]] == ["8.00"]


@pytest.mark.parametrize(("body", "field"), [
    pytest.param({"type": "purchase", "amount": "10.00"}, None, id="purchase without currency"),
    pytest.param({"type": "refund"}, None, id="refund without purchase"),
    pytest.param({"type": "signup", "email": "not-an-email"}, "email", id="bad email"),
    pytest.param({"type": "signup", "occurred_at": "2026-01-01T10:00:00"}, "occurred_at", id="no time zone"),
    pytest.param({"type": "install", "extra": 1}, "extra", id="unknown field"),
])
def test_a_malformed_event_is_a_422(anonymous, programme, body, field):
    response = post_event(anonymous, programme.source_id, programme.secret, **body)
    error = assert_error(response, 422, "VALIDATION_FAILED")
    if field:
        assert field in [detail["field"] for detail in error["details"]]


def test_a_signup_makes_a_referral_lead_with_the_partner_on_its_timeline(anonymous, admin, programme):
    _, click_id = click(anonymous, programme.code)
    response = post_event(anonymous, programme.source_id, programme.secret, type="signup", click_id=click_id,
                          email="Maria.K@Example.com", phone="6944 123 456", name="Maria K")
    conversion = response.get_json()
    assert conversion["attributed"] is True and conversion["partner_id"] == programme.partner_id
    assert conversion["contact_hint"] == "ma***@example.com"
    customer = admin.get(f"/api/crm/customers/{conversion['customer_id']}").get_json()
    assert (customer["name"], customer["email"], customer["phone"]) == ("Maria K", "maria.k@example.com",
                                                                       "+306944123456")
    assert (customer["status"], customer["source"], customer["partner_id"]) == ("lead", "referral",
                                                                                programme.partner_id)
    timeline = admin.get(f"/api/crm/customers/{customer['id']}/timeline").get_json()["results"]
    assert {entry["entity"] for entry in timeline} >= {"customer", "conversion", "commission"}
    wallets = admin.get(f"/api/crm/partners/{programme.partner_id}/wallets").get_json()["results"]
    assert [(w["currency"], w["pending"], w["approved"]) for w in wallets] == [("EUR", "5.00", "0.00")]


def test_a_later_event_with_only_the_email_goes_to_the_same_partner(anonymous, admin, programme):
    _, click_id = click(anonymous, programme.code)
    post_event(anonymous, programme.source_id, programme.secret, type="signup", click_id=click_id,
               email="nick@example.com")
    purchase = post_event(anonymous, programme.source_id, programme.secret, type="purchase", amount="120.00",
                          currency="EUR", email="NICK@example.com").get_json()
    assert purchase["attributed"] is True and purchase["click_id"] == click_id
    assert purchase["commission_id"] is not None


def test_events_no_click_is_found_for_are_kept_and_reported(anonymous, admin, programme):
    post_event(anonymous, programme.source_id, programme.secret, type="install")
    post_event(anonymous, programme.source_id, programme.secret, type="signup", click_id="a" * 24)
    post_event(anonymous, programme.source_id, programme.secret, type="signup", email="stranger@example.com")
    listed = admin.get("/api/crm/partner-conversions?attributed=false").get_json()["results"]
    assert sorted(c["unattributed_reason"] for c in listed) == ["no_reference", "unknown_click", "unknown_contact"]
    report = admin.get("/api/crm/partner-reports/programme").get_json()
    assert report["unattributed"] == {"install": 1, "signup": 2}


def test_a_bot_click_is_marked_and_never_attributed(anonymous, programme):
    status, click_id = click(anonymous, programme.code, agent="Slackbot-LinkExpanding 1.0")
    assert status == 302
    conversion = post_event(anonymous, programme.source_id, programme.secret, type="signup",
                            click_id=click_id).get_json()
    assert conversion["attributed"] is False and conversion["unattributed_reason"] == "bot_click"


def test_a_refund_reverses_the_purchase_commission(anonymous, admin, programme):
    _, click_id = click(anonymous, programme.code)
    post_event(anonymous, programme.source_id, programme.secret, event_id="p-9", type="purchase", amount="50.00",
               currency="EUR", click_id=click_id)
    refund = post_event(anonymous, programme.source_id, programme.secret, type="refund", refunds_event_id="p-9")
    assert refund.status_code == 201 and refund.get_json()["refunds_conversion_id"]
    commission = admin.get(f"/api/crm/partner-commissions?partner_id={programme.partner_id}").get_json()["results"][0]
    assert commission["status"] == "reversed"
    wallet = admin.get(f"/api/crm/partners/{programme.partner_id}/wallets").get_json()["results"][0]
    assert (wallet["pending"], wallet["reversed"], wallet["entries"]) == ("0.00", "5.00", 2)
    ledger = admin.get(f"/api/crm/partners/{programme.partner_id}/ledger?currency=EUR").get_json()["results"]
    assert [(e["seq"], e["kind"], e["movements"]) for e in ledger] == [
        (2, "reversed", {"pending": "-5.00", "reversed": "5.00"}), (1, "earned", {"pending": "5.00"})]


def test_a_payout_pays_the_approved_balance_once(anonymous, admin, as_user, programme):
    manager = as_user("mgr", "manager")
    for n in range(2):
        _, click_id = click(anonymous, programme.code, address=f"198.51.100.{50 + n}")
        post_event(anonymous, programme.source_id, programme.secret, type="purchase", amount=f"{100 + n}.00",
                   currency="EUR", click_id=click_id, email=f"buyer{n}@example.com")
    commissions = manager.get(f"/api/crm/partner-commissions?partner_id={programme.partner_id}").get_json()["results"]
    assert sorted(c["amount"] for c in commissions) == ["10.00", "10.10"]
    assert_error(manager.post("/api/crm/partner-payouts", json={"partner_id": programme.partner_id,
                                                                "currency": "EUR"}), 409, "FAILED_PRECONDITION")
    for commission in commissions:
        assert manager.post(f"/api/crm/partner-commissions/{commission['id']}/approve").status_code == 200
    assert_error(manager.post(f"/api/crm/partner-commissions/{commissions[0]['id']}/approve"), 409,
                 "FAILED_PRECONDITION")
    payout = manager.post("/api/crm/partner-payouts", json={"partner_id": programme.partner_id, "currency": "EUR"})
    payout = payout.get_json()
    assert payout["amount"] == "20.10" and len(payout["commission_ids"]) == 2
    assert_error(manager.post("/api/crm/partner-payouts", json={"partner_id": programme.partner_id,
                                                                "currency": "EUR"}), 409, "FAILED_PRECONDITION")
    paid = manager.post(f"/api/crm/partner-payouts/{payout['id']}/mark-paid", json={"reference": "SEPA-0042"})
    assert paid.status_code == 200 and paid.get_json()["status"] == "paid"
    assert_error(manager.post(f"/api/crm/partner-payouts/{payout['id']}/mark-paid", json={"reference": "again"}),
                 409, "FAILED_PRECONDITION")
    wallet = manager.get(f"/api/crm/partners/{programme.partner_id}/wallets").get_json()["results"][0]
    assert (wallet["approved"], wallet["in_payout"], wallet["paid"], wallet["balance"]) == \
        ("0.00", "0.00", "20.10", "0.00")
    statuses = {c["status"] for c in manager.get("/api/crm/partner-commissions").get_json()["results"]}
    assert statuses == {"paid"}


def test_reports_come_from_the_running_totals(anonymous, admin, programme, settings):
    click(anonymous, programme.code, address="198.51.100.70")
    click(anonymous, programme.code, address="198.51.100.70")
    _, click_id = click(anonymous, programme.code, address="198.51.100.71")
    click(anonymous, programme.code, agent="curl/8.0")
    post_event(anonymous, programme.source_id, programme.secret, type="purchase", amount="30.00", currency="USD",
               click_id=click_id)
    assert roll_up(settings).clicks == 4
    report = admin.get(f"/api/crm/partners/{programme.partner_id}/report").get_json()
    total = report["total"]
    assert (total["clicks"], total["unique_clicks"], total["bot_clicks"], total["conversions"]) == (3, 2, 1, 1)
    assert total["conversion_rate"] == "0.5000" and total["revenue"] == {"USD": "30.00"}
    assert total["commissions"] == {"pending": {"USD": "3.00"}}
    assert [link["code"] for link in report["links"]] == [programme.code]
    assert report["links"][0]["unique_clicks"] == 2
    board = admin.get("/api/crm/partner-reports/leaderboard").get_json()
    assert [row["partner_id"] for row in board["rows"]] == [programme.partner_id]
    by_revenue = admin.get("/api/crm/partner-reports/leaderboard?metric=revenue&currency=USD").get_json()
    assert by_revenue["rows"][0]["figures"]["revenue"] == {"USD": "30.00"}
    assert_error(admin.get("/api/crm/partner-reports/leaderboard?metric=revenue"), 400, "INVALID_ARGUMENT")


def test_an_affiliate_sees_only_their_own_partner(anonymous, admin, affiliate, programme):
    other = arrange(admin)
    _, mine = click(anonymous, programme.code)
    _, theirs = click(anonymous, other.code)
    post_event(anonymous, programme.source_id, programme.secret, type="signup", click_id=mine, email="a@example.com")
    post_event(anonymous, other.source_id, other.secret, type="signup", click_id=theirs, email="b@example.com")
    assert [p["id"] for p in affiliate.get("/api/crm/partners").get_json()["results"]] == [programme.partner_id]
    assert affiliate.get(f"/api/crm/partners/{other.partner_id}").status_code == 404
    assert_error(affiliate.get(f"/api/crm/partner-links?partner_id={other.partner_id}"), 403, "PERMISSION_DENIED")
    assert [link["id"] for link in affiliate.get("/api/crm/partner-links").get_json()["results"]] == \
        [programme.link_id]
    assert {c["id"] for c in affiliate.get("/api/crm/partner-clicks").get_json()["results"]} == {mine}
    conversions = affiliate.get("/api/crm/partner-conversions").get_json()["results"]
    assert [(c["partner_id"], c["customer_id"]) for c in conversions] == [(programme.partner_id, None)]
    assert affiliate.get("/api/crm/partner-conversions?attributed=false").get_json()["results"] == []
    assert affiliate.get(f"/api/crm/partners/{other.partner_id}/wallets").status_code == 404
    assert affiliate.get(f"/api/crm/partners/{programme.partner_id}/wallets").status_code == 200
    assert affiliate.get("/api/crm/customers").status_code == 403
    assert affiliate.post("/api/crm/partner-links", json={"partner_id": programme.partner_id,
                                                          "destination": f"https://{ALLOWED_HOST}/"}).status_code \
        == 403


def test_an_affiliate_whose_user_no_partner_names_is_told_so(as_user, programme):
    stranger = as_user("aff-nobody", "affiliate")
    error = assert_error(stranger.get("/api/crm/partners"), 403, "PERMISSION_DENIED")
    assert "no partner is linked" in error["message"]


def test_a_source_secret_is_shown_once_and_never_stored_in_a_replay(admin, programme):
    listed = admin.get("/api/crm/partner-conversion-sources").get_json()["results"]
    assert all("secret" not in source for source in listed)
    response = admin.post("/api/crm/partner-conversion-sources", json={"id": "app-sdk", "name": "App"},
                          headers={"Idempotency-Key": "k-1"})
    assert_error(response, 400, "INVALID_ARGUMENT")


def test_a_rotated_secret_replaces_the_old_one_which_still_works_for_a_day(anonymous, admin, programme):
    assert post_event(anonymous, programme.source_id, programme.secret, type="install").status_code == 201  # cached
    rotated = admin.post(f"/api/crm/partner-conversion-sources/{programme.source_id}/rotate-secret").get_json()
    assert rotated["secret"] != programme.secret and rotated["previous_secret_expires_at"]
    for secret in (rotated["secret"], programme.secret):
        assert post_event(anonymous, programme.source_id, secret, type="install").status_code == 201


@pytest.mark.parametrize("target", ["api", "redirect"])
def test_the_deployed_functions_redirect_without_building_the_app(programme, settings, monkeypatch, target):
    import functions_framework

    from crm.http.app import _default_app
    from crm.settings import get_settings

    source = Path(__file__).resolve().parents[2] / "functions" / "main.py"
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", settings.collection_prefix)
    monkeypatch.setenv("FUNCTION_TARGET", target)  # functions-framework sets it for the process: undone after the test
    get_settings.cache_clear()
    _default_app.cache_clear()
    try:
        function = functions_framework.create_app(target, str(source)).test_client()
        response = function.get(f"/r/{programme.code}", headers={"User-Agent": BROWSER}, buffered=True)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"https://{ALLOWED_HOST}/landing?")
        click_id = parse_qs(urlsplit(response.headers["Location"]).query)["click_id"][0]
        assert click_document(settings, click_id).get().exists
        assert function.get("/r/no-such-code").status_code == 404
        if target == "redirect":
            assert function.get("/api/health").status_code == 404  # the redirect function serves nothing else
        assert _default_app.cache_info().currsize == 0
    finally:
        get_settings.cache_clear()
        _default_app.cache_clear()


def test_the_visitor_is_answered_before_the_click_is_written(anonymous, programme, settings):
    response = anonymous.get(f"/r/{programme.code}", headers={"User-Agent": BROWSER, "X-Forwarded-For": "198.51.100.9"})
    assert response.status_code == 302
    click = click_document(settings, parse_qs(urlsplit(response.headers["Location"]).query)["click_id"][0])
    assert not click.get().exists  # the answer is complete; the server has not closed it yet
    response.close()  # what gunicorn and Werkzeug do once the last byte is sent
    recorded = click.get()
    assert recorded.exists and recorded.get("kind") == "unique" and recorded.get("link_id") == programme.link_id


def click_document(settings, click_id):
    names = CollectionNames(settings.collection_prefix)
    return firestore_client(settings).collection(names.partner_programme.clicks).document(click_id)


def test_a_signed_postback_of_deeply_nested_json_is_a_400(anonymous, programme):
    raw = b"[" * 10_000 + b"1" + b"]" * 10_000
    headers = {SIGNATURE_HEADER: sign(programme.secret, int(time.time()), raw), "Content-Type": "application/json"}
    response = anonymous.post(f"/api/hooks/conversions/{programme.source_id}", data=raw, headers=headers)
    assert "deep" in assert_error(response, 400, "INVALID_ARGUMENT")["message"]
