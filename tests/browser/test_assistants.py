"""The Assistants page: an admin finds the MCP URL, copies a connection snippet and reads the tool list; other roles
do not get the page."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, open_manage_menu, screenshot


def test_an_admin_copies_the_connection_snippets_and_sees_the_tools(open_console, stack):
    page = open_console("admin")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.url)
    open_manage_menu(page)
    page.get_by_role("link", name="Assistants").click()
    expect(page.get_by_role("heading", name="AI assistants")).to_be_visible()
    url = f"{stack.url}/api/mcp"
    expect(page.get_by_label("MCP server URL", exact=True)).to_have_text(url)
    expect(page.get_by_role("row", name="Search customers")).to_contain_text("search_customers")
    expect(page.get_by_role("row", name="Mark a deal lost")).to_contain_text("write")
    expect(page.get_by_role("row", name="Forecast")).to_contain_text("reports")
    expect(page.get_by_text("What an assistant with your role gets (15 tools)")).to_be_visible()

    page.get_by_role("button", name="Copy: Configuration for HTTP").click()
    expect(page.get_by_text("Copied")).to_be_visible()
    copied = json.loads(page.evaluate("navigator.clipboard.readText()"))
    assert copied["mcpServers"]["crm"]["url"] == url
    assert copied["mcpServers"]["crm"]["headers"] == {"X-API-Key": "crm_your_api_key"}
    stdio = json.loads(page.get_by_label("Configuration for stdio", exact=True).inner_text())
    assert stdio["mcpServers"]["crm"]["args"] == ["mcp"]
    screenshot(page, "assistants")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.get_by_role("heading", name="AI assistants")).to_be_visible()
    screenshot(page, "assistants-phone")
    page.get_by_role("region", name="Tools").screenshot(path=str(ARTIFACTS / "assistants-phone-tools.png"))


def test_the_page_is_for_admins_only(open_console, stack):
    page = open_console("manager")
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    open_manage_menu(page)
    expect(page.get_by_role("link", name="Tags")).to_be_visible()
    expect(page.get_by_role("link", name="Assistants")).to_have_count(0)
    page.goto(f"{stack.url}/assistants")
    expect(page.get_by_role("heading", name="Customers")).to_be_visible()
    expect(page).to_have_url(f"{stack.url}/customers")
