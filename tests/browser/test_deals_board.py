"""The deals board: drag and drop between stages (checked through the API), a refused move put back with the
reason, lost with a reason, won, the keyboard's move, the column figures, and what a viewer and a rep see."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, open_manage_menu, screenshot, wait_until_live
from tests.browser.deal_steps import get_deal, make_deal, make_pipeline


def column(page, name: str):
    return page.get_by_role("region", name=re.compile(r"^Board of")).get_by_role("region", name=re.compile(f"^{name}"))


def card(page, title: str):
    return page.get_by_role("article", name=title)


def test_a_card_dragged_to_another_stage_moves_there_and_in_the_api(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Drag Customer {marker}")
    deal = make_deal(admin, pipeline, customer, title=f"Drag me {marker}", value="1200.00")
    assert admin.call("PUT", "/settings/currency-rates", {"rates": {"USD": "0.90"}})[0] == 200
    make_deal(admin, pipeline, customer, title=f"Dollars {marker}", value="300.00", currency="USD")
    page = open_console("admin", path=f"/deals?pipeline={pipeline['id']}")
    expect(column(page, "New").get_by_role("heading", name=re.compile("New"))).to_contain_text("New")
    expect(card(page, f"Drag me {marker}")).to_contain_text(f"Drag Customer {marker}")
    expect(card(page, f"Drag me {marker}")).to_contain_text("€1,200.00")
    figures = column(page, "New").get_by_role("definition").first
    expect(figures).to_contain_text("€1,200.00")
    expect(figures).to_contain_text("US$300.00")
    expect(figures).to_contain_text("≈ €1,470.00")  # 300 USD at 0.90, never added as dollars
    screenshot(page, "deals-board")

    card(page, f"Drag me {marker}").drag_to(column(page, "Talks"))

    expect(column(page, "Talks").get_by_role("article", name=f"Drag me {marker}")).to_be_visible()
    expect(page.get_by_text(f"“Drag me {marker}” moved to Talks.")).to_be_visible()  # the API answered
    moved = get_deal(admin, deal["id"])
    assert (moved["stage"], moved["probability"]) == ("talks", 50)
    expect(column(page, "Talks")).to_contain_text("€600.00")  # weighted: 1,200 at 50%


def test_a_move_the_api_refuses_is_put_back_with_its_reason(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Stale {marker}"), title=f"Stale card {marker}")
    page = open_console("manager", path=f"/deals?pipeline={pipeline['id']}")
    expect(card(page, f"Stale card {marker}")).to_be_visible()
    wait_until_live(page)
    page.evaluate("window.notReloaded = true")

    def someone_else_saves_first(route):
        # Just before the move reaches the API, someone else changes the deal: the move still names the version the
        # board loaded (a change made earlier could reach the board through its live update first).
        status, _ = stack.api_as("manager").call("PATCH", f"/deals/{deal['id']}", {"notes": "changed elsewhere"})
        assert status == 200
        route.continue_()

    page.route(re.compile(r"/api/crm/deals/[^/]+/move-stage$"), someone_else_saves_first)
    card(page, f"Stale card {marker}").drag_to(column(page, "Talks"))

    expect(page.get_by_text(re.compile(f"“Stale card {marker}” was put back: .*saved this record"))).to_be_visible()
    expect(column(page, "New").get_by_role("article", name=f"Stale card {marker}")).to_be_visible()
    screenshot(page, "deals-board-refused")
    assert get_deal(admin, deal["id"])["stage"] == "new"
    assert page.evaluate("window.notReloaded") is True


def test_dropping_on_lost_asks_the_reason_and_on_won_marks_it_won(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Closing {marker}", owner_id=USERS["rep"].uid)
    lost = make_deal(admin, pipeline, customer, title=f"Lose me {marker}", owner_id=USERS["rep"].uid)
    won = make_deal(admin, pipeline, customer, title=f"Win me {marker}", owner_id=USERS["rep"].uid)
    page = open_console("rep", path=f"/deals?pipeline={pipeline['id']}")

    card(page, f"Lose me {marker}").drag_to(column(page, "Lost"))
    dialog = page.get_by_role("dialog", name=f"Mark “Lose me {marker}” as lost")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Why was it lost?").fill("Chose a cheaper supplier")
    screenshot(page, "deals-board-lost-reason")
    dialog.get_by_role("button", name="Mark lost").click()
    expect(column(page, "Lost").get_by_role("article", name=f"Lose me {marker}")).to_be_visible()
    expect(page.get_by_text(f"“Lose me {marker}” marked lost.")).to_be_visible()
    card(page, f"Win me {marker}").drag_to(column(page, "Won"))
    expect(column(page, "Won").get_by_role("article", name=f"Win me {marker}")).to_be_visible()
    expect(page.get_by_text(f"“Win me {marker}” marked won.")).to_be_visible()

    assert (get_deal(admin, lost["id"])["status"], get_deal(admin, lost["id"])["lost_reason"]) == (
        "lost", "Chose a cheaper supplier")
    assert get_deal(admin, won["id"])["status"] == "won"


def test_cancelling_the_lost_reason_leaves_the_card_where_it_was(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Kept {marker}"), title=f"Keep me {marker}")
    page = open_console("admin", path=f"/deals?pipeline={pipeline['id']}")
    card(page, f"Keep me {marker}").drag_to(column(page, "Lost"))
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    expect(column(page, "New").get_by_role("article", name=f"Keep me {marker}")).to_be_visible()
    assert get_deal(admin, deal["id"])["stage"] == "new"


def test_the_keyboard_moves_a_card_with_its_move_button(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Keys {marker}"), title=f"Keyboard {marker}")
    page = open_console("manager", path=f"/deals?pipeline={pipeline['id']}")
    button = page.get_by_role("button", name=f"Move “Keyboard {marker}” to another stage")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=f"Move “Keyboard {marker}”")
    stage = dialog.get_by_label("To stage")
    expect(stage).to_be_focused()
    stage.select_option(label="Talks")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Move")).to_be_focused()
    page.keyboard.press("Enter")
    expect(column(page, "Talks").get_by_role("article", name=f"Keyboard {marker}")).to_be_visible()
    expect(page.get_by_text(f"“Keyboard {marker}” moved to Talks.")).to_be_visible()
    assert get_deal(admin, deal["id"])["stage"] == "talks"
    page.keyboard.press("/")
    expect(page.get_by_label("Find on the board")).to_be_focused()
    page.keyboard.type("nothing like it")
    expect(card(page, f"Keyboard {marker}")).to_have_count(0)


def test_cards_show_their_next_activity_and_rotting(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    customer = admin.create_customer(name=f"Busy {marker}")
    due = make_deal(admin, pipeline, customer, title=f"Overdue call {marker}")
    make_deal(admin, pipeline, customer, title=f"Nothing planned {marker}")
    status, _ = admin.call("POST", "/activities", {"type": "call", "subject": "Call", "deal_id": due["id"],
                                                   "due_at": "2020-01-01T09:00:00Z"})
    assert status == 201
    page = open_console("viewer", path=f"/deals?pipeline={pipeline['id']}")
    expect(card(page, f"Overdue call {marker}")).to_contain_text("Activity overdue")
    expect(card(page, f"Nothing planned {marker}")).to_contain_text("No activity")


def test_a_viewer_sees_the_board_without_drag_or_write_controls(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    make_deal(admin, pipeline, admin.create_customer(name=f"Look {marker}"), title=f"Look only {marker}")
    page = open_console("viewer", path=f"/deals?pipeline={pipeline['id']}")
    expect(card(page, f"Look only {marker}")).to_be_visible()
    expect(page.get_by_text("Your role can view the board but not move deals.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Move"))).to_have_count(0)
    expect(page.get_by_role("link", name="New deal")).to_have_count(0)
    expect(card(page, f"Look only {marker}")).not_to_have_attribute("draggable", "true")
    page.get_by_role("link", name=f"Look only {marker}").click()
    expect(page.get_by_text("Your role can view this deal but not change it.")).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    expect(page.get_by_role("button", name="Mark won")).to_have_count(0)
    expect(page.get_by_label("Title")).to_be_disabled()


def test_a_rep_sees_only_their_deals_and_no_reports(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    rep = USERS["rep"].uid
    mine = admin.create_customer(name=f"Rep Own {marker}", owner_id=rep)
    make_deal(admin, pipeline, mine, title=f"Rep deal {marker}", owner_id=rep)
    make_deal(admin, pipeline, admin.create_customer(name=f"Other {marker}"), title=f"Not theirs {marker}",
              owner_id="someone-else")
    page = open_console("rep", path=f"/deals?pipeline={pipeline['id']}")
    expect(card(page, f"Rep deal {marker}")).to_be_visible()
    expect(card(page, f"Not theirs {marker}")).to_have_count(0)
    expect(column(page, "New").get_by_role("heading", name=re.compile("New"))).to_contain_text("1")
    expect(page.get_by_label("Whose deals")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Deals")).to_be_visible()
    expect(nav.get_by_role("link", name="Reports")).to_have_count(0)
    open_manage_menu(page)
    expect(nav.get_by_role("link", name="Tags")).to_be_visible()
    expect(nav.get_by_role("link", name="Pipelines")).to_have_count(0)
    page.keyboard.press("Escape")
    screenshot(page, "deals-board-rep")
    page.goto(page.url.split("/deals")[0] + "/dashboard")
    expect(page.get_by_text("Your role does not allow this.")).to_be_visible()


def test_a_move_by_someone_else_reaches_the_open_board_within_seconds(open_console, stack, marker):
    """Shorter than the polling fallback (20 s): only the Firestore listener, under firestore.rules, brings it."""
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    rep = USERS["rep"].uid
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Live {marker}", owner_id=rep),
                     title=f"Live card {marker}", owner_id=rep)
    page = open_console("rep", path=f"/deals?pipeline={pipeline['id']}")
    expect(column(page, "New").get_by_role("article", name=f"Live card {marker}")).to_be_visible()
    wait_until_live(page)
    page.evaluate("window.notReloaded = true")
    status, _ = stack.api_as("manager").call("POST", f"/deals/{deal['id']}/move-stage", {"stage": "talks"})
    assert status == 200
    expect(column(page, "Talks").get_by_role("article", name=f"Live card {marker}")).to_be_visible(timeout=10_000)
    expect(column(page, "New").get_by_role("heading", name=re.compile("New"))).to_contain_text("0")
    assert page.evaluate("window.notReloaded") is True
