"""The partners screens: a manager finds a partner and reads its wallet, figures and links; an affiliate lands on
their own partner and sees nothing else."""

from __future__ import annotations

import http.client
import json
import re
import time
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from crm.domain.partners.sources import SIGNATURE_HEADER, sign
from tests.browser.conftest import USERS, screenshot

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

    target = urlsplit(stack.url)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    connection.request("GET", f"/r/{link['code']}", headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) "
                                                                          "Chrome/124.0 Safari/537.36"})
    response = connection.getresponse()
    assert response.status == 302
    click_id = parse_qs(urlsplit(response.getheader("Location")).query)["click_id"][0]
    connection.close()
    recorded_after(admin, partner["id"], click_id)  # the click is written once the 302 has been sent

    body = json.dumps({"event_id": f"signup-{marker}", "type": "signup", "click_id": click_id}).encode()
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    connection.request("POST", f"/api/hooks/conversions/{source['id']}", body=body, headers={
        "Content-Type": "application/json", SIGNATURE_HEADER: sign(source["secret"], int(time.time()), body)})
    assert connection.getresponse().status == 201
    connection.close()
    return {"partner": partner, "link": link}


def recorded_after(admin, partner_id: str, click_id: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        code, answer = admin.call("GET", f"/partner-clicks?partner_id={partner_id}")
        if code == 200 and any(row["id"] == click_id for row in answer["results"]):
            return
        time.sleep(0.05)
    raise AssertionError(f"click {click_id} was not recorded within {seconds} s")


def test_a_manager_reads_a_partners_wallet_figures_and_links(open_console, stack, marker):
    arranged = arrange_partner(stack, marker)
    page = open_console("manager", path="/partners")
    page.get_by_role("navigation").get_by_role("link", name="Partners").click()
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
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Partners")).to_be_visible()
    expect(nav.get_by_role("link", name="Customers")).to_have_count(0)
    expect(page.get_by_text("1 partner", exact=True)).to_be_visible()
    page.get_by_role("link", name=f"Blog {marker}").click()
    expect(page.get_by_role("table", name="Wallets")).to_contain_text("€5.00")
    expect(page.get_by_role("table", name="Figures")).to_contain_text("Conversions")
    screenshot(page, "partner-page-affiliate-phone")
