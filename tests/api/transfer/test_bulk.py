"""Bulk actions through HTTP: each record checked for access and changed in its own transaction, each id's result
reported; by filter, a job."""

from __future__ import annotations

from tests.api.helpers import assert_error, create_customer
from tests.api.transfer.test_jobs import wait_for

BULK = "/api/crm/customers/bulk"


def test_add_and_remove_tags_report_each_id(client):
    ada = create_customer(client, name="Ada", tags=["old"])
    bob = create_customer(client, name="Bob")

    added = client.post(BULK, json={"action": "add_tags", "ids": [ada["id"], bob["id"], "missing-1"],
                                    "tags": ["VIP", "new"]}).get_json()

    assert added["succeeded"] == 2 and added["failed"] == 1
    assert [(r["id"], r["ok"], r["code"]) for r in added["results"]] == [
        (ada["id"], True, None), (bob["id"], True, None), ("missing-1", False, "NOT_FOUND")]
    assert client.get(f"/api/crm/customers/{ada['id']}").get_json()["tags"] == ["old", "vip", "new"]
    client.post(BULK, json={"action": "remove_tags", "ids": [ada["id"]], "tags": ["old"]})
    assert client.get(f"/api/crm/customers/{ada['id']}").get_json()["tags"] == ["vip", "new"]


def test_a_rep_changes_only_their_own(as_user):
    rep, other = as_user("rep-1", "rep"), as_user("rep-2", "rep")
    mine = create_customer(rep, name="Mine")
    theirs = create_customer(other, name="Theirs")

    result = rep.post(BULK, json={"action": "set_status", "ids": [mine["id"], theirs["id"]], "status": "customer"})

    assert [(r["ok"], r["code"]) for r in result.get_json()["results"]] == [(True, None), (False, "NOT_FOUND")]
    assert other.get(f"/api/crm/customers/{theirs['id']}").get_json()["status"] == "lead"
    refused = rep.post(BULK, json={"action": "reassign", "ids": [mine["id"]], "owner_id": "rep-2"})
    assert_error(refused, 403, "PERMISSION_DENIED")


def test_delete_and_restore_are_audited(client):
    customer = create_customer(client, name="Gone Soon")

    deleted = client.post(BULK, json={"action": "delete", "ids": [customer["id"]]}).get_json()
    assert deleted["succeeded"] == 1
    assert client.get(f"/api/crm/customers/{customer['id']}").status_code == 404
    restored = client.post(BULK, json={"action": "restore", "ids": [customer["id"]]}).get_json()
    assert restored["succeeded"] == 1
    timeline = client.get(f"/api/crm/customers/{customer['id']}/timeline").get_json()["results"]
    assert [e["action"] for e in timeline] == ["restore", "delete", "create"]


def test_actions_a_kind_does_not_have_and_bad_bodies(client):
    assert_error(client.post("/api/crm/deals/bulk", json={"action": "restore", "ids": ["a"]}), 409,
                 "FAILED_PRECONDITION")
    assert_error(client.post(BULK, json={"action": "add_tags", "ids": ["a"]}), 422, "VALIDATION_FAILED")
    assert_error(client.post(BULK, json={"action": "delete", "ids": [f"id{n}" for n in range(501)]}), 422,
                 "VALIDATION_FAILED")
    assert_error(client.post("/api/crm/customers/bulk-jobs", json={"action": "delete", "filter": {"search": "a"}}),
                 422, "VALIDATION_FAILED")


def test_deals_move_stage_and_activities_complete(client):
    customer = create_customer(client, name="Dealer")
    deal = client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": "D"}).get_json()
    activity = client.post("/api/crm/activities", json={"type": "call", "subject": "Call",
                                                        "customer_id": customer["id"]}).get_json()

    moved = client.post("/api/crm/deals/bulk", json={"action": "move_stage", "ids": [deal["id"]],
                                                     "stage": "proposal"}).get_json()
    done = client.post("/api/crm/activities/bulk", json={"action": "set_status", "ids": [activity["id"]],
                                                         "status": "completed"}).get_json()

    assert moved["succeeded"] == 1 and done["succeeded"] == 1
    assert client.get(f"/api/crm/deals/{deal['id']}").get_json()["stage"] == "proposal"
    assert client.get(f"/api/crm/activities/{activity['id']}").get_json()["completed_at"] is not None


def test_deals_take_tags_added_and_removed_counted_in_the_registry(client):
    customer = create_customer(client, name="Tagged Dealer")
    first, second = (client.post("/api/crm/deals", json={"customer_id": customer["id"], "title": title,
                                                          "tags": ["old"]}).get_json() for title in ("A", "B"))
    bulk = "/api/crm/deals/bulk"

    added = client.post(bulk, json={"action": "add_tags", "ids": [first["id"], second["id"], "missing-1"],
                                    "tags": ["Hot"]}).get_json()
    removed = client.post(bulk, json={"action": "remove_tags", "ids": [first["id"]], "tags": ["old"]}).get_json()

    assert (added["succeeded"], added["failed"], removed["succeeded"]) == (2, 1, 1)
    assert [client.get(f"/api/crm/deals/{d['id']}").get_json()["tags"] for d in (first, second)] == [
        ["hot"], ["old", "hot"]]
    counts = {t["name"]: t["deal_count"] for t in client.get("/api/crm/tags").get_json()["results"]}
    assert (counts["hot"], counts["old"]) == (2, 1)


def test_a_bulk_job_by_filter_changes_every_match(client, app):
    from crm.services.transfer import jobs

    for n in range(5):
        create_customer(client, name=f"Filtered {n}", status="prospect" if n < 3 else "lead")
    jobs.BULK_PAGE = 2  # several pages, each saved as the job's checkpoint
    try:
        job = client.post("/api/crm/customers/bulk-jobs", json={
            "action": "add_tags", "tags": ["campaign"], "filter": {"status": "prospect"}})
        assert job.status_code == 202, job.get_json()
        done = wait_for(client, job.get_json()["id"])
    finally:
        jobs.BULK_PAGE = 100
    assert done["status"] == "succeeded" and done["progress"]["counts"] == {"succeeded": 3, "failed": 0}
    tagged = client.get("/api/crm/customers", query_string={"tag": "campaign"}).get_json()
    assert tagged["total"] == 3
