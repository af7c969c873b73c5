"""The demo partner programme, through the real use cases: settings, two plans, partners (one of them the demo
affiliate user's), their links, clicks through the redirect's own code (people, repeats and a bot), sign-ups and
purchases attributed to them (with a refund), commissions approved and one payout paid, and the clicks rolled up
into the running totals, so the partner screens and reports show real figures."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from google.cloud import firestore

from crm.domain.access import SYSTEM
from crm.domain.partners.clicks import Visit
from crm.domain.partners.commissions import CommissionListParams, CommissionStatus
from crm.domain.partners.conversions import ConversionEvent
from crm.domain.partners.links import PartnerLinkCreate
from crm.domain.partners.partners import PartnerCreate
from crm.domain.partners.payouts import PayoutCreate
from crm.domain.partners.plans import PlanCreate
from crm.domain.partners.programme import PartnerProgrammeUpdate
from crm.services.partners import commissions, links, partners, payouts, settings
from crm.services.partners.clicks import SeenWindows, record, redirect
from crm.services.partners.conversions import Locale, receive_conversion
from crm.services.partners.ports import PartnerTransactions
from crm.store.collections import CollectionNames
from crm.store.partners.click_log import FirestoreClickTracking
from crm.store.partners.readers import PartnerReaders
from crm.store.partners.rollup import roll_up_clicks

DEMO_AFFILIATE = "demo-affiliate"
DEMO_SOURCE = "demo-shop"
HOSTS = ["shop.example.com", "*.example.com"]
PARTNERS = [  # name, company, affiliate user, plan
    ("Eleni Papadaki", "Tech Reviews GR", DEMO_AFFILIATE, 0),
    ("Giorgos Nikolaou", "Arcade Blog", None, 0),
    ("Retro Games Club", "Retro Games Club", None, 1),
]
BROWSERS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"]
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def load_demo_partners(transactions: PartnerTransactions, db: firestore.Client, names: CollectionNames, *,
                       emails: list[str] | None = None, seed: int = 19) -> int:
    """Returns how many conversions were recorded. ``emails``: people the conversions are about (demo customers,
    who become referred by the partner), else new leads."""
    people = iter(emails or [])
    rng = random.Random(seed)
    settings.update_programme(transactions, PartnerProgrammeUpdate(allowed_hosts=HOSTS, hold_days=30), SYSTEM)
    plans = [
        settings.create_plan(transactions, PlanCreate.model_validate({
            "name": "Affiliates", "signup_amounts": {"EUR": "5.00", "USD": "6.00"}, "purchase_percent": "10",
            "purchase_scope": "first"}), SYSTEM),
        settings.create_plan(transactions, PlanCreate.model_validate({
            "name": "Resellers", "signup_amounts": {"EUR": "2.00"}, "purchase_percent": "7.5",
            "purchase_scope": "recurring", "recurring_months": 12}), SYSTEM),
    ]
    tracking, seen = FirestoreClickTracking(db, names), SeenWindows()
    conversions = 0
    for index, (name, company, uid, plan) in enumerate(PARTNERS):
        partner = partners.create_partner(transactions, PartnerCreate.model_validate({
            "name": name, "company": company, "email": f"partner{index + 1}@example.com", "uid": uid,
            "plan_id": plans[plan].id}), SYSTEM, "EUR")
        made = [links.create_link(transactions, PartnerLinkCreate.model_validate({
            "partner_id": partner.id, "destination": f"https://shop.example.com/{page}?lang=el",
            "campaign": campaign, "utm_source": "partner", "utm_medium": medium}), SYSTEM)
            for page, campaign, medium in (("arcade", "spring", "blog"), ("parts", "evergreen", "social"))]
        clicks = []
        for n in range(12 + 6 * (2 - index)):
            link = made[n % 2]
            address = f"198.51.{100 + index}.{rng.randint(1, 40)}"
            agent = BOT if n % 9 == 8 else rng.choice(BROWSERS)
            decided = redirect(tracking, seen, Visit(code=link.code, address=address, user_agent=agent,
                                                     referrer_host="blog.example.org", country="GR", method="GET",
                                                     at=time.time()))
            if decided is None:
                continue
            record(tracking, decided.click)
            if agent != BOT:
                clicks.append(parse_qs(urlsplit(decided.location).query)["click_id"][0])
        for n, click_id in enumerate(clicks[: 3 + (2 - index)]):
            person = next(people, f"demo.buyer{index}{n}@example.com")
            receive_conversion(transactions, DEMO_SOURCE, ConversionEvent.model_validate({
                "event_id": f"demo-signup-{index}-{n}", "type": "signup", "click_id": click_id, "email": person,
                "name": f"Demo Buyer {index}{n}"}), Locale("GR", "el"), partner.id)
            amount = Decimal(rng.randint(40, 400)).quantize(Decimal("0.01"))
            receive_conversion(transactions, DEMO_SOURCE, ConversionEvent.model_validate({
                "event_id": f"demo-purchase-{index}-{n}", "type": "purchase", "email": person, "amount": str(amount),
                "currency": "EUR"}), Locale("GR", "el"), partner.id)
            conversions += 2
        if index == 1:
            receive_conversion(transactions, DEMO_SOURCE, ConversionEvent.model_validate({
                "event_id": "demo-refund-1", "type": "refund", "refunds_event_id": "demo-purchase-1-0"}),
                Locale("GR", "el"), partner.id)
            conversions += 1
        if index == 0:
            _approve_and_pay(transactions, PartnerReaders(db, names), partner.id)
    roll_up_clicks(db, names, lag=timedelta(0))  # every click is written by now
    return conversions


def _approve_and_pay(transactions: PartnerTransactions, readers: PartnerReaders, partner_id: str) -> None:
    """Approve the partner's pending commissions but the newest, and pay them out."""
    pending = CommissionListParams(partner_id=partner_id, status=CommissionStatus.PENDING, page_size=100)
    for commission in commissions.list_commissions(readers.activity, readers.partners, pending, SYSTEM).results[1:]:
        commissions.approve_commission(transactions, commission.id, SYSTEM)
    payout = payouts.create_payout(transactions, PayoutCreate(partner_id=partner_id, currency="EUR"), SYSTEM)
    payouts.mark_payout_paid(transactions, payout.id, "SEPA-DEMO-0001", SYSTEM)
