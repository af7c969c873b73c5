"""The demo data the local service starts with: customers, and deals in every stage with their consequences."""

from crm.cli import load_demo
from crm.domain.activity_queries import ActivityListParams
from crm.domain.customer_queries import CustomerListParams
from crm.domain.deal_queries import DealListParams
from crm.domain.orders import OrderListParams
from crm.domain.people.queries import PersonListParams
from crm.services import activities as activity_service
from crm.services import customers as customer_service
from crm.services import deals as deal_service
from crm.services import orders as order_service
from crm.services.accounts.duplicates import list_duplicates
from crm.services.people import people as people_service
from crm.store.accounts.duplicate_keys import FirestoreDuplicateKeys
from crm.store.activities import FirestoreActivityReader
from crm.store.deals import FirestoreDealReader
from crm.store.orders import FirestoreOrderReader
from crm.store.people.people import FirestorePeopleReader
from tests.utils.factories import admin_caller


def test_demo_data_fills_every_stage_and_lifetime_values_follow(settings, customers, db, names):
    loaded = load_demo(60, settings)
    assert loaded > 60
    assert customer_service.list_customers(customers, CustomerListParams(), admin_caller()).total == loaded
    people = people_service.list_people(FirestorePeopleReader(db, names), PersonListParams(), admin_caller())
    assert people.total >= 60
    pairs = list_duplicates(FirestoreDuplicateKeys(db, names), admin_caller(), page_size=25, cursor=None)
    assert pairs.results, "the demo shows a likely duplicate"
    reader = FirestoreDealReader(db, names)
    deals = deal_service.list_deals(reader, DealListParams(page_size=100), admin_caller())
    assert deals.total >= 12
    assert {d.stage for d in deals.results} == {
        "lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost"}
    won = [d for d in deals.results if d.status.value == "won"]
    by_value = CustomerListParams(order_by="-lifetime_value", page_size=1)
    valued = customer_service.list_customers(customers, by_value, admin_caller())
    assert won and valued.results[0].lifetime_value > 0
    orders = order_service.list_orders(FirestoreOrderReader(db, names), OrderListParams(page_size=100), admin_caller())
    assert {o.status.value for o in orders.results} >= {"pending", "confirmed", "shipped", "delivered"}
    activities = FirestoreActivityReader(db, names)
    assert activity_service.list_activities(activities, ActivityListParams(overdue=True), admin_caller()).total > 0
    done = ActivityListParams(status="completed")
    assert activity_service.list_activities(activities, done, admin_caller()).total > 0
    from crm.store.lead_intake.sources import FirestoreLeadSources
    from crm.store.webhooks.endpoints import FirestoreWebhookEndpoints

    assert {s.name for s in FirestoreLeadSources(db, names).all()} == {"Website contact form", "Meta lead ads"}
    [endpoint] = FirestoreWebhookEndpoints(db, names).all()
    assert not endpoint.enabled, "the demo sends nothing to a real address"
