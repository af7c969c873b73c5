"""Changes made by another user reach an open list or customer page within seconds, without a reload.

The waits are shorter than the console's polling fallback (live/useLiveSignal.ts, 20 s), so they pass only when
the Firestore listener itself, under firestore.rules, brought the change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import USERS, wait_until_live

WITHIN = 10_000  # ms


@pytest.mark.parametrize("role", ["admin", "rep"])
def test_a_customer_created_by_someone_else_appears_in_the_open_list(open_console, stack, marker, role):
    page = open_console(role, path=f"/customers?tag={marker}")
    expect(page.get_by_text("No customers match.")).to_be_visible()
    wait_until_live(page)
    page.evaluate("window.notReloaded = true")
    stack.api_as("manager").create_customer(name=f"Live Arrival {marker}", tags=[marker], owner_id=USERS[role].uid)
    expect(page.get_by_role("row", name=re.compile(f"Live Arrival {marker}"))).to_be_visible(timeout=WITHIN)
    assert page.evaluate("window.notReloaded") is True


def test_a_change_by_someone_else_shows_on_the_open_customer_page(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Live Page {marker}", organization="Before")
    page = open_console("viewer", path=f"/customers/{customer['id']}")
    expect(page.get_by_label("Organization")).to_have_value("Before")
    wait_until_live(page)
    page.evaluate("window.notReloaded = true")
    stack.api_as("manager").patch_customer(customer["id"], organization="After")
    expect(page.get_by_label("Organization")).to_have_value("After", timeout=WITHIN)
    expect(page.get_by_role("main").get_by_text("After", exact=True)).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
