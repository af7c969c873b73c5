"""The admin's pipelines editor: a new pipeline with its stages (order, probability, kind, rotting days), and a
stage that holds deals removed by saying where its deals go."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.deal_steps import get_deal, make_deal, make_pipeline


def pipeline_named(api, name: str) -> dict:
    status, body = api.call("GET", "/pipelines")
    assert status == 200, body
    return next(p for p in body["results"] if p["name"] == name)


def test_an_admin_makes_a_pipeline_with_stages_in_their_order(open_console, stack, marker):
    page = open_console("admin", path="/admin/pipelines")
    page.get_by_role("button", name="New pipeline").click()
    editor = page.get_by_role("form", name="New pipeline")
    editor.get_by_label("Name", exact=True).fill(f"Rentals {marker}")
    editor.get_by_label("Probability of Lead").fill("15")
    editor.get_by_label("Days before a deal in Lead rots").fill("5")
    expect(editor.get_by_label("Days before a deal in Won rots")).to_be_disabled()
    editor.get_by_role("button", name="Add stage").click()
    editor.get_by_label("Name of stage 5").fill("Site visit")
    editor.get_by_label("Probability of Site visit").fill("35")
    for _ in range(3):  # from the end to second place, by keyboard
        editor.get_by_role("button", name="Move Site visit up").press("Enter")
    expect(editor.get_by_label("Name of stage 2")).to_have_value("Site visit")
    screenshot(page, "pipelines-editor")
    editor.get_by_role("button", name="Create pipeline").click()

    expect(page.get_by_text(f"Pipeline “Rentals {marker}” saved.")).to_be_visible()
    expect(page.get_by_role("table", name="Pipelines").get_by_role("link", name=f"Rentals {marker}")).to_be_visible()
    saved = pipeline_named(stack.api_as("admin"), f"Rentals {marker}")
    assert [(s["id"], s["probability"], s["kind"], s["rotting_days"]) for s in saved["stages"]] == [
        ("lead", 15, "open", 5), ("site_visit", 35, "open", None), ("proposal", 60, "open", None),
        ("won", 100, "won", None), ("lost", 0, "lost", None)]


def test_removing_a_stage_that_holds_deals_asks_where_they_go(open_console, stack, marker):
    admin = stack.api_as("admin")
    pipeline = make_pipeline(admin, marker)
    deal = make_deal(admin, pipeline, admin.create_customer(name=f"Mover {marker}"), title=f"In talks {marker}",
                     stage="talks")
    page = open_console("admin", path=f"/admin/pipelines?id={pipeline['id']}")
    editor = page.get_by_role("form", name=f"Edit “{pipeline['name']}”")
    editor.get_by_role("button", name="Remove Talks").click()
    editor.get_by_role("button", name="Save").click()
    expect(editor.get_by_role("alert")).to_be_visible()  # the stage holds a deal and no place was chosen
    assert get_deal(admin, deal["id"])["stage"] == "talks"

    editor.get_by_label("Deals in “Talks” move to").select_option(label="New")
    screenshot(page, "pipelines-editor-removed-stage")
    editor.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Pipeline “{pipeline['name']}” saved.")).to_be_visible()
    expect(editor.get_by_label("Deals in “Talks” move to")).to_have_count(0)
    assert get_deal(admin, deal["id"])["stage"] == "new"
    assert [s["id"] for s in pipeline_named(admin, pipeline["name"])["stages"]] == ["new", "won", "lost"]
