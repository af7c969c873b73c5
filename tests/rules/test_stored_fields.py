"""The fields firestore.rules and the console's queries rely on are in every document the API writes: a customer's
``deleted_at`` (null while active, so ``deleted_at == null`` finds it and the rule never meets a missing field),
and every record's ``owner_id`` and ``updated_at``."""

from __future__ import annotations

from crm.devstack.tokens import emulator_id_token
from crm.http import create_app
from crm.store.collections import CollectionNames
from crm.store.indexes import CLIENT_QUERIES


def test_the_queried_fields_are_in_every_record(settings, admin_db):
    client = create_app(settings).test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {emulator_id_token(settings.project_id, 'rep-1', role='rep')}"

    def create(path: str, body: dict) -> str:
        response = client.post(f"/api/crm/{path}", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]

    customer = create("customers", {"name": "Stored", "email": "stored@example.com"})
    gone = create("customers", {"name": "Gone"})
    assert client.delete(f"/api/crm/customers/{gone}").status_code == 204
    ids = {
        "customers": customer,
        "deals": create("deals", {"customer_id": customer, "title": "Deal"}),
        "orders": create("orders", {"customer_id": customer, "order_number": "SO-1", "total": "1.00"}),
        "activities": create("activities", {"customer_id": customer, "type": "call", "subject": "Call"}),
        "people": create(f"customers/{customer}/people", {"first_name": "Stored"}),
    }
    names = CollectionNames(settings.collection_prefix)
    for collection, doc_id in ids.items():
        data = admin_db.collection(getattr(names, collection)).document(doc_id).get().to_dict()
        queried = {field for q in CLIENT_QUERIES if q.collection == collection for field in q.equals} - {
            "pipeline_id", "customer_id"} | {"owner_id", "updated_at"}
        assert queried <= set(data), (collection, queried - set(data))
        assert data["owner_id"] == "rep-1"
    assert admin_db.collection(names.customers).document(customer).get().to_dict()["deleted_at"] is None
    assert admin_db.collection(names.customers).document(gone).get().to_dict()["deleted_at"] is not None
