"""My work, an order's page and the command menu at a phone's width: nothing wider than the screen, every control
reachable."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot

PHONE = (390, 800)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_my_work_an_order_and_the_command_menu_fit_a_phone(open_console, stack, marker):
    rep = stack.api_as("rep")
    customer = rep.create_customer(name=f"Phoebe Phone {marker}")
    rep.create("/activities", type="call", subject=f"Call from the road {marker}", customer_id=customer["id"])
    order = rep.create("/orders", customer_id=customer["id"], order_number=f"PH-{marker}", total="99.90")

    page = open_console("rep", path=f"/activities?customer={customer['id']}", viewport=PHONE)
    row = page.get_by_role("row", name=re.compile(f"Call from the road {marker}"))
    expect(row).to_be_visible()
    expect(page.get_by_role("button", name=f"Complete: Call from the road {marker}")).to_be_visible()
    due = row.get_by_text("No due date").bounding_box()
    assert due is not None and due["x"] + due["width"] <= PHONE[0]  # the due column is not cut off
    assert page_width(page) <= PHONE[0]
    screenshot(page, "activities-phone")

    page.goto(f"{stack.url}/orders/{order['id']}")
    expect(page.get_by_role("heading", name=f"Order PH-{marker}")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_be_visible()
    assert page_width(page) <= PHONE[0]
    screenshot(page, "order-page-phone")

    page.get_by_role("button", name="Search or go to…").click()
    menu = page.get_by_role("dialog", name="Command menu")
    menu.get_by_role("combobox").press_sequentially("orders", delay=20)
    expect(menu.get_by_role("option", name="Orders", exact=True)).to_be_visible()
    box = menu.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]
    screenshot(page, "command-menu-phone")
    page.keyboard.press("Enter")
    expect(page.get_by_role("row", name=re.compile(f"PH-{marker}"))).to_be_visible()
    assert page_width(page) <= PHONE[0]
