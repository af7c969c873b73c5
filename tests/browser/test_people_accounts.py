"""People and accounts in the console: contact persons added, edited, made primary, deleted and restored; a search
that finds a person and names their customer; an organization's fields, parent account and figures; and likely
duplicates merged after a preview."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import open_manage_menu, screenshot


def test_people_are_added_edited_made_primary_deleted_and_restored(open_console, stack, marker):
    customer = stack.api_as("admin").create_customer(name=f"Acme {marker}", kind="organization")
    page = open_console("manager", path=f"/customers/{customer['id']}")
    panel = page.get_by_role("region", name="People")
    expect(panel.get_by_text("No contact persons yet.")).to_be_visible()
    for first, last, email in (("Maria", "Papadopoulou", f"maria.{marker}@acme.gr"),
                               ("Nikos", "Alexiou", f"nikos.{marker}@acme.gr")):
        panel.get_by_role("button", name="Add a person").click()
        form = panel.get_by_role("form", name="New contact person")
        form.get_by_label("First name").fill(first)
        form.get_by_label("Last name").fill(last)
        form.get_by_label("Email").fill(email if first == "Nikos" else "not-an-email")
        form.get_by_role("button", name="Add").click()
        if first == "Maria":
            expect(form.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
            screenshot(page, "people-add-error")
            form.get_by_label("Email").fill(email)
            form.get_by_role("button", name="Add").click()
        expect(panel.get_by_role("link", name=f"Open {first} {last}")).to_be_visible()
    panel.get_by_role("button", name="Make Nikos Alexiou the primary person").click()
    expect(page.get_by_text("Nikos Alexiou is now the primary person")).to_be_visible()
    nikos = panel.get_by_role("listitem").filter(has_text="Nikos")
    expect(nikos.get_by_text("Primary", exact=True)).to_be_visible()
    expect(nikos.get_by_role("button")).to_have_count(0)
    expect(panel.get_by_role("button", name="Make Maria Papadopoulou the primary person")).to_be_visible()
    screenshot(page, "customer-people-panel")

    panel.get_by_role("link", name="Open Maria Papadopoulou").click()
    expect(page.get_by_role("heading", name="Maria Papadopoulou")).to_be_visible()
    page.get_by_label("Job title").fill("Purchasing manager")
    page.get_by_label("Do not call").check()
    page.get_by_role("button", name="Add a channel").click()
    page.get_by_role("combobox", name="Type").nth(1).select_option("whatsapp")
    page.get_by_role("textbox", name="Email, number or handle").nth(1).fill("6944 123 456")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Person saved")).to_be_visible()
    expect(page.get_by_role("textbox", name="Email, number or handle").nth(1)).to_have_value("+306944123456")
    expect(page.locator("header").get_by_text("Do not call")).to_be_visible()
    screenshot(page, "person-page")
    status, saved = stack.api_as("admin").call("GET", f"/customers/{customer['id']}/people")
    maria = next(p for p in saved["results"] if p["first_name"] == "Maria")
    assert (maria["job_title"], maria["do_not_call"], maria["primary"]) == ("Purchasing manager", True, False)

    page.get_by_role("button", name="Delete person").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete person").click()
    expect(page.get_by_text("Maria Papadopoulou was deleted.")).to_be_visible()
    assert stack.api_as("admin").call("GET", f"/people/{maria['id']}")[0] == 404
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Maria Papadopoulou is back.")).to_be_visible()
    assert stack.api_as("admin").call("GET", f"/people/{maria['id']}")[0] == 200
    page.goto(f"{stack.url}/customers/{customer['id']}")
    page.set_viewport_size({"width": 390, "height": 844})
    panel = page.get_by_role("region", name="People")
    expect(panel.get_by_role("link", name="Open Maria Papadopoulou")).to_be_visible()
    screenshot(page, "customer-people-panel-phone")


def test_searching_customers_finds_a_person_and_their_company(open_console, stack, marker):
    api = stack.api_as("admin")
    company = api.create_customer(name=f"Thalassa Foods {marker}", kind="organization")
    status, person = api.call("POST", f"/customers/{company['id']}/people",
                              {"first_name": "Μαρία", "last_name": f"Κ{marker}", "job_title": "CFO"})
    assert status == 201, person
    page = open_console("viewer")
    page.get_by_role("searchbox").first.fill(f"maria k{marker}")
    strip = page.get_by_role("region", name=f"Contact persons matching “maria k{marker}”")
    expect(strip.get_by_role("link", name=f"Thalassa Foods {marker}")).to_be_visible()
    expect(strip).to_contain_text("CFO")
    screenshot(page, "customers-search-finds-person")
    strip.get_by_role("link", name=f"Thalassa Foods {marker}").click()
    expect(page.get_by_role("heading", name=f"Thalassa Foods {marker}")).to_be_visible()

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Search people").fill(f"{marker} thalassa")
    expect(page.get_by_text("1 of 1 people")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=f"Μαρία Κ{marker}")
    expect(row).to_be_visible()
    expect(row.get_by_role("link", name=f"Thalassa Foods {marker}")).to_be_visible()
    screenshot(page, "people-list")


def test_an_organizations_fields_parent_and_figures(open_console, stack, marker):
    api = stack.api_as("admin")
    group = api.create_customer(name=f"Aegean Group {marker}", kind="organization")
    branch = api.create_customer(name=f"Aegean Retail {marker}", status="lead")
    for title, value in (("Cabinets", "1200"), ("Service", "300"), ("Spare parts", "80")):
        status, deal = api.call("POST", "/deals", {"customer_id": branch["id"], "title": title, "value": value})
        assert status == 201, deal
        if title == "Cabinets":
            assert api.call("POST", f"/deals/{deal['id']}/mark-won")[0] == 200
    api.call("POST", f"/customers/{branch['id']}/people", {"first_name": "Eleni"})

    page = open_console("manager", path=f"/customers/{branch['id']}")
    account = page.get_by_role("form", name="Account")
    account.get_by_label("Company").check()
    account.get_by_label("Website").fill(f"aegean-{marker}.gr")
    account.get_by_label("Size").select_option("51-200")
    account.get_by_label("VAT or tax id").fill("el 094 019 245")
    account.get_by_role("button", name="Choose…").click()
    account.get_by_label("Search for the parent account").fill(f"aegean group {marker}")
    account.get_by_role("button", name=f"Aegean Group {marker}").click()
    account.get_by_role("button", name="Update account").click()
    expect(page.get_by_text("Account saved")).to_be_visible()
    expect(account.get_by_role("link", name=f"Aegean Group {marker}")).to_be_visible()
    figures = page.get_by_role("region", name="Account figures")
    expect(figures).to_contain_text("Contact persons1")
    expect(figures).to_contain_text("Open deals2 · €380.00")
    expect(figures).to_contain_text("Won deals1 · €1,200.00")
    expect(figures).to_contain_text("Lifetime value€1,200.00")
    screenshot(page, "account-figures")
    status, saved = api.call("GET", f"/customers/{branch['id']}")
    assert (saved["kind"], saved["website"], saved["tax_id"], saved["parent_id"]) == (
        "organization", f"https://aegean-{marker}.gr", "EL094019245", group["id"])

    page.goto(f"{stack.url}/customers/{group['id']}")
    subs = page.get_by_role("region", name="Account figures").get_by_role("list", name="Sub-accounts")
    expect(subs.get_by_role("link", name=f"Aegean Retail {marker}")).to_be_visible()


def test_likely_duplicates_are_merged_after_a_preview(open_console, stack, marker):
    api = stack.api_as("admin")
    digits = str(int(marker[1:], 16) % 10_000_000).rjust(7, "0")
    keep = api.create_customer(name=f"Delta Arcades {marker}", phone=f"210{digits}", tags=["arcade"])
    dup = api.create_customer(name=f"Delta Arcades SA {marker}", phone=f"+30 210 {digits}", tags=["b2b"],
                              notes=[{"text": "Met at the trade fair"}])
    api.call("POST", f"/customers/{dup['id']}/people", {"first_name": "Petros"})
    api.call("POST", "/deals", {"customer_id": dup["id"], "title": "Upgrade", "value": "500"})

    rep = open_console("rep")
    open_manage_menu(rep)
    expect(rep.get_by_role("link", name="Tags")).to_be_visible()
    expect(rep.get_by_role("link", name="Duplicates")).to_have_count(0)
    page = open_console("manager")
    open_manage_menu(page)
    page.get_by_role("link", name="Duplicates").click()
    pair = page.get_by_role("listitem").filter(has_text=f"Delta Arcades SA {marker}")
    expect(pair.get_by_text(f"Same phone: +30210{digits}")).to_be_visible()
    screenshot(page, "duplicates")
    pair.get_by_role("button", name="Merge").click()
    dialog = page.get_by_role("dialog", name="Merge two customers")
    dialog.get_by_role("radio", name=keep["id"]).check()
    table = dialog.get_by_role("table")
    expect(table.get_by_role("row", name="Contact persons")).to_contain_text("1")
    expect(table.get_by_role("row", name="Deals")).to_contain_text("1")
    expect(table.get_by_role("row", name="Tags")).to_contain_text("arcade, b2b")
    screenshot(page, "merge-preview")
    dialog.get_by_role("button", name=f"Merge Delta Arcades SA {marker} into Delta Arcades {marker}").click()
    expect(page.get_by_text(f"Merged into Delta Arcades {marker}")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text=f"Delta Arcades SA {marker}")).to_have_count(0)
    assert api.call("GET", f"/customers/{dup['id']}")[0] == 404
    status, survivor = api.call("GET", f"/customers/{keep['id']}")
    assert survivor["merged_from"] == [dup["id"]] and survivor["tags"] == ["arcade", "b2b"]
    status, people = api.call("GET", f"/customers/{keep['id']}/people")
    assert [p["first_name"] for p in people["results"]] == ["Petros"]
    page.get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", name=f"Delta Arcades {marker}")).to_be_visible()
    expect(page.get_by_role("region", name="Timeline")).to_contain_text(f"merged in customer {dup['id']}")
    screenshot(page, "merged-customer")
