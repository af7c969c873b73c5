"""The partners screens: a manager finds a partner and reads its wallet, figures and links; an affiliate lands on
their own partner, read only, and sees nothing else."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot
from tests.browser.partner_steps import click_link, post_signup

HOST = "shop.example.com"


def arrange_partner(stack, marker: str, *, affiliate: bool = False) -> dict:
    """Through the API, as an admin: the programme's hosts, a plan, a partner for the affiliate user, a link, a
    conversion source; a click on the link and a signed sign-up carrying its click id."""
    admin = stack.api_as("admin")

    def made(method: str, path: str, body: dict, status: int = 201) -> dict:
        code, answer = admin.call(method, path, body)
        assert code == status, answer
        return answer

    made("PUT", "/settings/partner-programme", {"allowed_hosts": [HOST]}, 200)
    plan = made("POST", "/partner-plans", {"name": f"Plan {marker}", "signup_amounts": {"EUR": "5.00"},
                                           "purchase_scope": "first"})
    linked = {"uid": USERS["affiliate"].uid} if affiliate else {}
    partner = made("POST", "/partners", {"name": f"Blog {marker}", "company": "Blog Ltd", "plan_id": plan["id"],
                                         "email": f"{marker}@blog.example", **linked})
    link = made("POST", "/partner-links", {"partner_id": partner["id"], "destination": f"https://{HOST}/spring",
                                           "code": f"spring-{marker}"})
    source = made("POST", "/partner-conversion-sources", {"id": f"shop-{marker}", "name": "Shop"})

    post_signup(stack, source, f"signup-{marker}", click_link(stack, link["code"]))
    return {"partner": partner, "link": link}


def test_a_manager_reads_a_partners_wallet_figures_and_links(open_console, stack, marker):
    arranged = arrange_partner(stack, marker)
    page = open_console("manager", path="/partners")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners").click()
    row = page.get_by_role("row", name=re.compile(f"Blog {marker}"))
    expect(row).to_contain_text("Blog Ltd")
    screenshot(page, "partners-list")

    row.get_by_role("link", name=f"Blog {marker}").click()
    expect(page.get_by_role("heading", name=f"Blog {marker}")).to_be_visible()
    wallets = page.get_by_role("table", name="Wallets")
    expect(wallets.get_by_role("columnheader", name="EUR")).to_be_visible()
    expect(wallets.get_by_role("row", name=re.compile("Pending"))).to_contain_text("€5.00")
    figures = page.get_by_role("region", name=re.compile("Figures"))
    expect(figures).to_contain_text("Conversions")
    links = page.get_by_role("table", name="Tracked links")
    expect(links).to_contain_text(f"{stack.url}/r/{arranged['link']['code']}")
    expect(links).to_contain_text(f"https://{HOST}/spring")
    screenshot(page, "partner-page")


def test_an_affiliate_lands_on_their_own_partner_only(open_console, stack, marker):
    arrange_partner(stack, marker, affiliate=True)
    arrange_partner(stack, f"{marker}x")  # another partner's, not to be seen
    page = open_console("affiliate", path="/", viewport=(390, 844))
    expect(page).to_have_url(re.compile(r"/partners$"))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Partners")).to_be_visible()
    expect(nav.get_by_role("link", name="Customers")).to_have_count(0)
    expect(page.get_by_text("1 partner", exact=True)).to_be_visible()
    page.get_by_role("link", name=f"Blog {marker}").click()
    expect(page.get_by_role("table", name="Wallets")).to_contain_text("€5.00")
    expect(page.get_by_role("table", name="Figures")).to_contain_text("Conversions")
    expect(page.get_by_role("table", name="Commissions")).to_contain_text("Pending")
    # Read only: none of the managers' controls.
    for name in ("Edit", "Archive", "Pay out", "Approve", "Stop", "Mark paid"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(page.get_by_text("New tracked link")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Partner programme")).to_have_count(0)
    screenshot(page, "partner-page-affiliate-phone")
