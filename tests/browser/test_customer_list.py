"""The customers list: search as you type, filters, sort, paging, keyboard, roles."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from crm.domain.common import utc_now
from crm.domain.customers import CustomerCreate, new_customer
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.customers import import_customers
from tests.browser.conftest import USERS, screenshot


def load_customers(stack, marker: str, count: int, owner: str) -> None:
    """``count`` customers tagged ``marker``, written in one batch (the API is not what this test is about)."""
    db = firestore_client(stack.settings)
    customers = db.collection(CollectionNames("").customers)
    now = utc_now()
    people = [
        new_customer(CustomerCreate(name=f"Person {n:03d} {marker}", organization=f"Org {n % 7}",
                                    email=f"p{n}.{marker}@example.com", tags=[marker],
                                    status=["lead", "prospect", "customer"][n % 3]),
                     customer_id=customers.document().id, by=owner, now=now, default_language="el")
        for n in range(count)
    ]
    import_customers(db, CollectionNames(""), people)


def test_search_answers_as_you_type_and_filters_narrow_the_list(open_console, stack, marker):
    load_customers(stack, marker, 12, USERS["admin"].uid)
    api = stack.api_as("admin")
    api.create_customer(name=f"Zoe Quincy {marker}", organization="Quasar Games", tags=[marker, "vip"],
                        status="customer")
    page = open_console("admin", path=f"/customers?tag={marker}")
    expect(page.get_by_text("13 of 13 customers")).to_be_visible()
    screenshot(page, "customers-list")

    page.get_by_label("Search customers").press_sequentially(f"quas {marker}", delay=20)
    expect(page.get_by_text("1 of 1 customers")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Zoe Quincy"))).to_contain_text("Quasar Games")
    expect(page.get_by_label("Sort by")).to_be_disabled()
    expect(page.get_by_text("Search results come in their own order")).to_be_visible()

    page.get_by_label("Search customers").fill("")
    statuses = page.get_by_role("group", name="Status")
    statuses.get_by_label("Prospect").check()
    expect(page.get_by_text("4 of 4 customers")).to_be_visible()
    statuses.get_by_label("Customer").check()  # several statuses at once
    expect(page.get_by_text("9 of 9 customers")).to_be_visible()
    expect(page).to_have_url(re.compile(r"status=prospect%2Ccustomer"))
    statuses.get_by_label("Prospect").uncheck()
    expect(page.get_by_text("5 of 5 customers")).to_be_visible()
    expect(page).to_have_url(re.compile(r"status=customer"))

    page.get_by_label("Search customers").fill("nobody-has-this-name")
    expect(page.get_by_text("No customers match.")).to_be_visible()
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_label("Search customers")).to_have_value("")


def test_lead_filters_narrow_the_list_and_a_refused_combination_says_why(open_console, stack, marker):
    api = stack.api_as("admin")
    api.create_customer(name=f"Ann Urgent {marker}", tags=[marker], status="lead", source="referral",
                        priority="urgent", rating="hot")
    api.create_customer(name=f"Bob Calm {marker}", tags=[marker], status="prospect", source="referral",
                        priority="low", rating="cold")
    api.create_customer(name=f"Cat Web {marker}", tags=[marker], status="lead", source="website", priority="urgent",
                        rating="hot")
    api.create_customer(name=f"Dan Done {marker}", tags=[marker], status="customer", source="referral")
    page = open_console("manager", path=f"/customers?tag={marker}")
    expect(page.get_by_text("4 of 4 customers")).to_be_visible()
    statuses = page.get_by_role("group", name="Status")
    statuses.get_by_label("Lead").check()
    statuses.get_by_label("Prospect").check()
    expect(page.get_by_text("3 of 3 customers")).to_be_visible()
    page.get_by_label("Source").select_option(label="Referral")
    expect(page.get_by_text("2 of 2 customers")).to_be_visible()
    page.get_by_label("Priority").select_option(label="Urgent")
    page.get_by_label("Rating").select_option(label="Hot")
    expect(page.get_by_text("1 of 1 customers")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Ann Urgent {marker}"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"source=referral&priority=urgent&rating=hot"))

    page.get_by_label("Priority").select_option(label="Any priority")
    page.get_by_label("Rating").select_option(label="Any rating")
    today = datetime.now(UTC).date().isoformat()
    page.get_by_label("Created from").fill(today)
    page.get_by_label("Created up to").fill(today)
    expect(page.get_by_text("2 of 2 customers")).to_be_visible()
    page.get_by_label("Created up to").fill((datetime.now(UTC).date() - timedelta(days=1)).isoformat())
    expect(page.get_by_role("alert")).to_contain_text("created_from must be before created_to")
    page.get_by_label("Created up to").fill(today)
    expect(page.get_by_text("2 of 2 customers")).to_be_visible()

    page.get_by_label("Search customers").fill("ann")  # a created range cannot go with a search
    refused = page.get_by_role("search").get_by_role("alert")
    expect(refused).to_contain_text("These filters cannot be combined")
    expect(refused).to_contain_text("cannot be combined with search")
    screenshot(page, "customers-lead-filters-refused")
    page.get_by_label("Created from").fill("")
    page.get_by_label("Created up to").fill("")
    expect(page.get_by_text("1 of 1 customers")).to_be_visible()
    expect(refused).to_have_count(0)
    screenshot(page, "customers-lead-filters")


def test_pages_follow_the_cursor_up_to_the_total_and_sort_changes_the_order(open_console, stack, marker):
    load_customers(stack, marker, 120, USERS["manager"].uid)
    page = open_console("manager", path=f"/customers?tag={marker}")
    expect(page.get_by_text("50 of 120 customers")).to_be_visible()
    rows = page.get_by_role("table", name="Customers").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Person 000")
    page.get_by_role("button", name="Load more").click()
    expect(page.get_by_text("100 of 120 customers")).to_be_visible()
    page.get_by_role("button", name="Load more").click()
    expect(page.get_by_text("120 of 120 customers")).to_be_visible()
    expect(page.get_by_role("button", name="Load more")).to_have_count(0)
    # Only the rows on screen are in the page, not all 120.
    assert rows.count() < 60

    page.get_by_label("Sort by").select_option("-name")
    expect(page.get_by_text("50 of 120 customers")).to_be_visible()
    expect(rows.nth(1)).to_contain_text("Person 119")


def test_the_keyboard_reaches_search_and_moves_through_rows(open_console, stack, marker):
    load_customers(stack, marker, 5, USERS["admin"].uid)
    page = open_console("admin", path=f"/customers?tag={marker}")
    expect(page.get_by_text("5 of 5 customers")).to_be_visible()
    page.get_by_role("heading", name="Customers").click()
    page.keyboard.press("/")
    expect(page.get_by_label("Search customers")).to_be_focused()
    page.get_by_role("link", name=f"Person 000 {marker}").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("link", name=f"Person 002 {marker}")).to_be_focused()
    page.keyboard.press("End")
    expect(page.get_by_role("link", name=f"Person 004 {marker}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Person 004 {marker}")).to_be_visible()


def test_a_rep_sees_only_their_own_customers_and_no_one_elses_page(open_console, stack, marker):
    mine = stack.api_as("rep").create_customer(name=f"Mine {marker}", tags=[marker])
    theirs = stack.api_as("manager").create_customer(name=f"Theirs {marker}", tags=[marker], owner_id="someone-else")
    page = open_console("rep", path=f"/customers?tag={marker}")
    expect(page.get_by_text("1 of 1 customers")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(f"Mine {marker}"))).to_contain_text("You")
    page.goto(f"{stack.url}/customers/{theirs['id']}")
    expect(page.get_by_text("This record does not exist or has been deleted.")).to_be_visible()
    page.goto(f"{stack.url}/customers/{mine['id']}")
    expect(page.get_by_role("heading", name=f"Mine {marker}")).to_be_visible()
    expect(page.get_by_label("Owner")).to_have_count(0)


def test_the_list_fits_a_phone(open_console, stack, marker):
    load_customers(stack, marker, 3, USERS["viewer"].uid)
    page = open_console("viewer", path=f"/customers?tag={marker}", viewport=(390, 800))
    expect(page.get_by_text("3 of 3 customers")).to_be_visible()
    expect(page.get_by_role("link", name="New customer")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "customers-list-phone")
