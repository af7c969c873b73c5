"""Reports: the forecast of a pipeline as a chart and as tables (by month, owner and stage), money per currency and
in the base currency; the dashboard's key figures."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import USERS, screenshot
from tests.browser.deal_steps import make_deal, make_pipeline


def test_the_forecast_shows_its_months_owners_and_stages_per_currency(open_console, stack, marker):
    admin = stack.api_as("admin")
    assert admin.call("PUT", "/settings/currency-rates", {"rates": {"USD": "0.90"}})[0] == 200
    pipeline = make_pipeline(admin, marker, name="Forecast")
    customer = admin.create_customer(name=f"Forecast Customer {marker}")
    make_deal(admin, pipeline, customer, title=f"Euro {marker}", value="1000.00", expected_close_date="2031-02-10")
    make_deal(admin, pipeline, customer, title=f"Dollar {marker}", value="500.00", currency="USD", stage="talks",
              expected_close_date="2031-02-20", owner_id=USERS["rep"].uid)
    make_deal(admin, pipeline, customer, title=f"Undated {marker}", value="70.00")
    page = open_console("viewer", path=f"/forecast?pipeline={pipeline['id']}&from=2031-01&to=2031-03")

    choice = page.get_by_label("Pipeline", exact=True)
    expect(choice).to_have_value(pipeline["id"])
    expect(choice.locator("option:checked")).to_have_text(pipeline["name"])
    headline = page.get_by_role("region", name="Every open and won deal of the pipeline")
    expect(headline).to_contain_text("Open deals3")
    expect(headline).to_contain_text("€1,070.00US$500.00≈ €1,520.00")  # 500 USD at 0.90
    chart = page.get_by_role("img", name=re.compile("^Bar chart of the pipeline value"))
    expect(chart.locator("canvas")).to_have_count(1)
    months = page.get_by_role("table", name="By month")
    expect(months.get_by_role("row")).to_have_count(1 + 3 + 1)  # the header, three months, the undated
    february = months.get_by_role("row", name=re.compile("^Feb 2031"))
    expect(february).to_contain_text("€1,000.00")
    expect(february).to_contain_text("US$500.00")
    expect(months.get_by_role("row", name=re.compile("^No expected close date"))).to_contain_text("€70.00")
    stages = page.get_by_role("table", name="By stage")
    expect(stages.get_by_role("row", name=re.compile("^Talks"))).to_contain_text("US$500.00")
    owners = page.get_by_role("table", name="By owner")
    expect(owners.get_by_role("row", name=re.compile(USERS["rep"].name))).to_contain_text("US$500.00")
    screenshot(page, "forecast")

    page.get_by_role("navigation", name="Reports").get_by_role("link", name="Dashboard").click()
    figures = page.get_by_role("region", name="Key figures")
    expect(figures).to_contain_text("Open deals")
    expect(figures).to_contain_text("Win rate (default pipeline)")
    statuses = page.get_by_role("table", name="Customers by status")
    expect(statuses.get_by_role("row")).to_have_count(5)
    expect(statuses.get_by_role("link", name="Lead")).to_have_attribute("href", "/customers?status=lead")
    screenshot(page, "dashboard")
