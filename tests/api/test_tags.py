"""The tag registry over HTTP: tags with colours, counts kept by every customer and deal write, tags on deals, and
the jobs that rename or merge a tag on every record that carries it."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import assert_error, create_customer, customer_url

TAGS = "/api/crm/tags"
DEALS = "/api/crm/deals"
TAG_FIELDS = {"id", "name", "color", "description", "customer_count", "deal_count", "renaming", "created_at",
              "updated_at"}


def create_tag(client, **fields: Any) -> dict[str, Any]:
    response = client.post(TAGS, json={"name": "vip", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def by_name(client, **query: str) -> dict[str, dict[str, Any]]:
    response = client.get(TAGS, query_string=query)
    assert response.status_code == 200, response.get_json()
    return {tag["name"]: tag for tag in response.get_json()["results"]}


def create_deal(client, customer_id: str, **fields: Any) -> dict[str, Any]:
    response = client.post(DEALS, json={"customer_id": customer_id, "title": "Deal", **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_register_a_tag_and_change_its_colour(client):
    response = client.post(TAGS, json={"name": " VIP ", "color": "#FF0000", "description": "Top accounts"})
    assert response.status_code == 201, response.get_json()
    tag = response.get_json()
    assert set(tag) == TAG_FIELDS
    assert (tag["name"], tag["color"], tag["customer_count"], tag["deal_count"]) == ("vip", "#ff0000", 0, 0)
    assert response.headers["Location"].endswith(f"/crm/tags/{tag['id']}")
    assert_error(client.post(TAGS, json={"name": "vip"}), 409, "ALREADY_EXISTS")
    changed = client.patch(f"{TAGS}/{tag['id']}", json={"color": "#00ff00"})
    assert changed.status_code == 200 and changed.get_json()["color"] == "#00ff00", changed.get_json()
    assert_error(client.patch(f"{TAGS}/{tag['id']}", json={"name": "other"}), 422, "VALIDATION_FAILED")
    assert_error(client.patch(f"{TAGS}/{tag['id']}", json={"color": "red"}), 422, "VALIDATION_FAILED")
    assert_error(client.get(f"{TAGS}/missing"), 404, "NOT_FOUND")


def test_counts_follow_customers_and_deals(client):
    ada = create_customer(client, tags=["vip", "Retail"])
    bob = create_customer(client, tags=["vip"])
    create_deal(client, ada["id"], tags=["vip", "renewal"])
    tags = by_name(client)
    assert {name: (t["customer_count"], t["deal_count"]) for name, t in tags.items()} == {
        "vip": (2, 1), "retail": (1, 0), "renewal": (0, 1)}
    assert tags["retail"]["color"] == "#9e9e9e"
    client.patch(customer_url(ada["id"]), json={"tags": ["retail"]})
    client.delete(customer_url(bob["id"]))
    tags = by_name(client)
    assert (tags["vip"]["customer_count"], tags["vip"]["deal_count"], tags["retail"]["customer_count"]) == (0, 1, 1)
    client.post(customer_url(bob["id"], "restore"))
    assert by_name(client)["vip"]["customer_count"] == 1
    assert list(by_name(client, prefix="re")) == ["renewal", "retail"]


def test_counts_are_company_figures_a_rep_does_not_see(as_user):
    admin, rep = as_user("boss", "admin"), as_user("rep-1", "rep")
    create_customer(admin, tags=["vip"])
    seen = by_name(rep)["vip"]
    assert (seen["customer_count"], seen["deal_count"]) == (None, None)
    assert_error(rep.post(TAGS, json={"name": "mine"}), 403, "PERMISSION_DENIED")


def test_a_tag_in_use_is_not_deleted(client):
    create_customer(client, tags=["vip"])
    vip = by_name(client)["vip"]
    error = assert_error(client.delete(f"{TAGS}/{vip['id']}"), 409, "FAILED_PRECONDITION")
    assert "merge" in error["message"]
    unused = create_tag(client, name="unused")
    assert client.delete(f"{TAGS}/{unused['id']}").status_code == 204
    assert_error(client.get(f"{TAGS}/{unused['id']}"), 404, "NOT_FOUND")


def test_rename_a_tag_on_every_customer_and_deal(client):
    vip = create_tag(client, name="vip", color="#ff0000")
    ada = create_customer(client, tags=["retail", "vip"])
    deal = create_deal(client, ada["id"], tags=["vip"])
    response = client.post(f"{TAGS}/{vip['id']}/rename", json={"name": "Key Account"})
    assert response.status_code == 202, response.get_json()
    job = response.get_json()
    assert (job["kind"], job["from_tag"], job["to_tag"], job["status"], job["changed"]) == (
        "rename", "vip", "key account", "done", 2)
    assert response.headers["Location"].endswith(f"/crm/tag-jobs/{job['id']}")
    assert client.get(customer_url(ada["id"])).get_json()["tags"] == ["retail", "key account"]
    assert client.get(f"{DEALS}/{deal['id']}").get_json()["tags"] == ["key account"]
    tags = by_name(client)
    assert "vip" not in tags
    assert (tags["key account"]["color"], tags["key account"]["customer_count"], tags["key account"]["deal_count"]) \
        == ("#ff0000", 1, 1)
    assert client.get(f"/api/crm/tag-jobs/{job['id']}").get_json()["status"] == "done"
    assert [j["id"] for j in client.get("/api/crm/tag-jobs").get_json()["results"]] == [job["id"]]
    ran = client.post(f"/api/crm/tag-jobs/{job['id']}/run")
    assert ran.status_code == 200 and ran.get_json()["status"] == "done"


def test_rename_into_an_existing_name_says_to_merge(client):
    vip, gold = create_tag(client, name="vip"), create_tag(client, name="gold")
    error = assert_error(client.post(f"{TAGS}/{vip['id']}/rename", json={"name": "gold"}), 409, "ALREADY_EXISTS")
    assert gold["id"] in error["message"]
    assert_error(client.post(f"{TAGS}/{vip['id']}/rename", json={"name": "vip"}), 422, "VALIDATION_FAILED")
    assert_error(client.post(f"{TAGS}/missing/rename", json={"name": "x"}), 404, "NOT_FOUND")


def test_merge_a_tag_into_another(client):
    create_tag(client, name="gold")
    both = create_customer(client, tags=["vip", "gold"])
    only = create_customer(client, tags=["vip"])
    tags = by_name(client)
    response = client.post(f"{TAGS}/{tags['vip']['id']}/merge", json={"into": tags["gold"]["id"]})
    assert response.status_code == 202, response.get_json()
    assert (response.get_json()["status"], response.get_json()["changed"]) == ("done", 2)
    assert client.get(customer_url(both["id"])).get_json()["tags"] == ["gold"]
    assert client.get(customer_url(only["id"])).get_json()["tags"] == ["gold"]
    after = by_name(client)
    assert ("vip" in after, after["gold"]["customer_count"]) == (False, 2)
    error = assert_error(client.post(f"{TAGS}/{tags['gold']['id']}/merge", json={"into": tags["gold"]["id"]}), 422,
                         "VALIDATION_FAILED")
    assert error["details"][0]["field"] == "into"


def test_tag_jobs_are_for_admins(as_user):
    admin, manager = as_user("boss", "admin"), as_user("mgr", "manager")
    vip = create_tag(admin, name="vip")
    assert_error(manager.post(f"{TAGS}/{vip['id']}/rename", json={"name": "gold"}), 403, "PERMISSION_DENIED")
    assert_error(manager.get("/api/crm/tag-jobs"), 403, "PERMISSION_DENIED")
