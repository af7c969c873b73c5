"""Orders: created from a customer's page, moved through only the statuses the API allows next, edited while
allowed; the list's filters; what a rep and a viewer may see and do."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot


def transition_buttons(page) -> list[str]:
    group = page.get_by_role("group", name="Next step")
    return [name.strip() for name in group.get_by_role("button").all_inner_texts()]


def test_an_order_moves_only_to_the_statuses_allowed_next_until_delivered(open_console, stack, marker):
    customer = stack.api_as("manager").create_customer(name=f"Otto Order {marker}")
    page = open_console("manager", path=f"/customers/{customer['id']}")
    page.get_by_role("link", name="New order for this customer").click()
    expect(page.get_by_role("combobox", name="Customer")).to_have_value(f"Otto Order {marker}")
    page.get_by_label("Order number").fill(f"SO-{marker}")
    page.get_by_label("Total").fill("1,234.50")
    page.get_by_label("City").fill("Πάτρα")
    page.get_by_role("button", name="Create order").click()
    expect(page.get_by_role("heading", name=f"Order SO-{marker}")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("€1,234.50")
    assert transition_buttons(page) == ["Confirm", "Cancel order"]
    screenshot(page, "order-page")

    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Start processing")).to_be_visible()
    assert transition_buttons(page) == ["Start processing", "Cancel order"]
    expect(page.get_by_label("Total")).to_be_enabled()
    page.get_by_role("button", name="Start processing").click()
    expect(page.get_by_role("button", name="Mark shipped")).to_be_visible()
    expect(page.get_by_label("Total")).to_be_disabled()
    locked = "Total and currency can change only while the order is pending or confirmed."
    expect(page.get_by_text(locked)).to_be_visible()
    page.get_by_label("Notes").fill("Leave with the neighbour")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    page.get_by_role("button", name="Mark shipped").click()
    expect(page.get_by_role("button", name="Mark delivered")).to_be_visible()
    assert transition_buttons(page) == ["Mark delivered"]  # a shipped order can no longer be cancelled
    page.get_by_role("button", name="Mark delivered").click()
    expect(page.get_by_text("This order is Delivered: nothing follows.")).to_be_visible()
    expect(page.get_by_role("group", name="Next step")).to_have_count(0)
    history = page.get_by_role("region", name="Status history").get_by_role("listitem")
    expect(history).to_have_count(5)
    expect(history.first).to_contain_text("Shipped → Delivered")
    screenshot(page, "order-delivered")
    page.get_by_role("link", name=f"Otto Order {marker}").click()
    expect(page.get_by_role("main")).to_contain_text("€1,234.50")  # the delivery counts in the lifetime value


def test_cancelling_asks_first_and_a_taken_order_number_shows_on_its_field(open_console, stack, marker):
    api = stack.api_as("admin")
    customer = api.create_customer(name=f"Cora Cancel {marker}")
    order = api.create("/orders", customer_id=customer["id"], order_number=f"TAKEN-{marker}", total="10.00")
    page = open_console("admin", path=f"/orders/{order['id']}")
    page.get_by_role("button", name="Cancel order").click()
    dialog = page.get_by_role("dialog", name=f"Cancel order TAKEN-{marker}? This cannot be undone.")
    dialog.get_by_role("button", name="Cancel order").click()
    expect(page.get_by_text("This order is Cancelled: nothing follows.")).to_be_visible()

    page.goto(f"{stack.url}/orders/new?customer={customer['id']}")
    page.get_by_label("Order number").fill(f"taken-{marker}")
    page.get_by_label("Total").fill("5")
    page.get_by_role("button", name="Create order").click()
    number = page.get_by_label("Order number")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_be_focused()
    screenshot(page, "order-create-error")


def test_the_list_filters_by_status_and_customer_and_the_keyboard_moves_between_rows(open_console, stack, marker):
    api = stack.api_as("admin")
    first, second = api.create_customer(name=f"Fay First {marker}"), api.create_customer(name=f"Sam Second {marker}")
    for n, customer in enumerate([first, first, second]):
        api.create("/orders", customer_id=customer["id"], order_number=f"L{n}-{marker}", total=f"{n + 1}0.00")
    made = api.call("GET", f"/orders?customer_id={first['id']}")[1]["results"][0]
    api.call("POST", f"/orders/{made['id']}/transition", {"status": "confirmed"})
    page = open_console("admin", path="/orders")
    page.get_by_role("heading", name="Orders").click()
    page.keyboard.press("/")
    customer_box = page.get_by_role("combobox", name="Customer")
    expect(customer_box).to_be_focused()
    customer_box.fill(f"fay first {marker}")
    page.get_by_role("option", name=re.compile(f"Fay First {marker}")).click()
    expect(page.get_by_text("2 of 2 orders")).to_be_visible()
    numbers = page.get_by_role("table").locator("tbody th[scope=row] a")
    numbers.first.focus()
    page.keyboard.press("ArrowDown")
    expect(numbers.nth(1)).to_be_focused()
    page.keyboard.press("Home")
    expect(numbers.first).to_be_focused()
    page.get_by_label("Status").select_option("confirmed")
    expect(page.get_by_text("1 of 1 order")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(made["order_number"]))).to_contain_text("Confirmed")
    screenshot(page, "orders-list")


def test_a_rep_sees_only_their_orders_and_a_viewer_changes_nothing(open_console, stack, marker):
    mine = stack.api_as("rep").create_customer(name=f"Rep Buyer {marker}")
    stack.api_as("rep").create("/orders", customer_id=mine["id"], order_number=f"MINE-{marker}", total="1.00")
    theirs = stack.api_as("admin").create_customer(name=f"Other Buyer {marker}", owner_id="someone-else")
    other = stack.api_as("admin").create("/orders", customer_id=theirs["id"], order_number=f"THEIRS-{marker}",
                                         total="2.00", owner_id="someone-else")
    page = open_console("rep", path=f"/orders?customer={mine['id']}")
    expect(page.get_by_role("row", name=re.compile(f"MINE-{marker}"))).to_be_visible()
    page.goto(f"{stack.url}/orders?customer={theirs['id']}")
    expect(page.get_by_text("No orders match.")).to_be_visible()
    page.goto(f"{stack.url}/orders/{other['id']}")
    expect(page.get_by_text("This record does not exist or has been deleted.")).to_be_visible()

    viewer = open_console("viewer", path=f"/orders/{other['id']}")
    expect(viewer.get_by_role("heading", name=f"Order THEIRS-{marker}")).to_be_visible()
    expect(viewer.get_by_role("group", name="Next step")).to_have_count(0)
    for name in ("Save", "Delete", "Confirm", "Cancel order"):
        expect(viewer.get_by_role("button", name=name)).to_have_count(0)
    expect(viewer.get_by_label("Order number")).to_be_disabled()
    viewer.goto(f"{stack.url}/orders")
    expect(viewer.get_by_role("heading", name="Orders")).to_be_visible()
    expect(viewer.get_by_role("link", name="New order")).to_have_count(0)


def test_a_move_by_someone_else_shows_on_the_open_order_page(open_console, stack, marker):
    admin = stack.api_as("admin")
    customer = admin.create_customer(name=f"Lou Live {marker}")
    order = admin.create("/orders", customer_id=customer["id"], order_number=f"LIVE-{marker}", total="12.00")
    page = open_console("manager", path=f"/orders/{order['id']}")
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    status, _ = admin.call("POST", f"/orders/{order['id']}/transition", {"status": "confirmed"})
    assert status == 200
    # Sooner than the polling fallback (20 s) could bring it: the Firestore listener on the order did.
    expect(page.get_by_role("button", name="Start processing")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
