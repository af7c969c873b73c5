"""What the programme remembers of a referred person between their events: the last click attributed to them, the
customer record they became, when they signed up and first purchased (for the plan's first-purchase and recurring
rules), and, for each email or phone they were seen with, which referral it is (so a later event that carries only
an email is attributed to the last click of that person)."""

from __future__ import annotations

from datetime import datetime

from crm.domain.model import Model
from crm.domain.partners.conversions import ClickRef


class Referral(Model):
    """A referred person: a customer record when their events carried an email or phone, else one click's visitor
    (key ``click-<click id>``)."""

    key: str
    partner_id: str
    link_id: str
    click_id: str
    click_at: datetime
    customer_id: str | None = None
    signed_up_at: datetime | None = None
    first_purchase_at: datetime | None = None
    purchases: int = 0
    updated_at: datetime

    def last_click(self) -> ClickRef:
        return ClickRef(self.click_id, self.link_id, self.partner_id, self.click_at)


class ContactReferral(Model):
    """An email or phone (by its hash, ``key``) seen with an attributed event: the referral it belongs to and that
    referral's last click."""

    key: str
    referral_key: str
    partner_id: str
    link_id: str
    click_id: str
    click_at: datetime
    customer_id: str | None = None

    def last_click(self) -> ClickRef:
        return ClickRef(self.click_id, self.link_id, self.partner_id, self.click_at)


def referral_key(customer_id: str | None, click_id: str) -> str:
    return customer_id if customer_id else f"click-{click_id}"
