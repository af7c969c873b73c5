"""Lead qualification over HTTP: priority, rating and score on customers; lead pipelines with substages; moving a
lead (its score follows); the lead board with its running counts; converting and losing a lead; and the customer
list's qualification filters, with the combinations that would need unbounded reads refused."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import assert_error, create_customer, customer_url, detail_fields

LEAD_PIPELINES = "/api/crm/lead-pipelines"
CUSTOMERS = "/api/crm/customers"


def stages() -> list[dict[str, Any]]:
    return [
        {"id": "new", "name": "New", "probability": 10},
        {"id": "contacted", "name": "Contacted", "probability": 30, "substages": [
            {"id": "no-answer", "status": "No answer", "score": 15, "description": "Tried, no reply yet"},
            {"id": "meeting", "status": "Meeting booked", "score": 45}]},
        {"id": "converted", "name": "Converted", "probability": 100, "kind": "won"},
        {"id": "disqualified", "name": "Disqualified", "probability": 0, "kind": "lost"},
    ]


def create_lead_pipeline(client, **fields: Any) -> dict[str, Any]:
    response = client.post(LEAD_PIPELINES, json={"name": "Inbound", "stages": stages(), **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def move(client, customer_id: str, **body: Any):
    return client.post(customer_url(customer_id, "lead-stage"), json=body)


def board(client, pipeline_id: str, **query: Any) -> dict[str, Any]:
    response = client.get(f"{LEAD_PIPELINES}/{pipeline_id}/board", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def columns(found: dict[str, Any]) -> dict[str, tuple[int, list[str]]]:
    return {c["stage"]["id"]: (c["count"], [card["name"] for card in c["cards"]]) for c in found["columns"]}


def test_qualification_fields_on_a_customer(client):
    created = create_customer(client, status="lead", priority="high", rating="hot", score=70)
    assert (created["priority"], created["rating"], created["score"]) == ("high", "hot", 70)
    changed = client.patch(customer_url(created["id"]), json={"priority": "urgent", "rating": None})
    assert (changed.get_json()["priority"], changed.get_json()["rating"]) == ("urgent", None)
    for body, field in (({"score": 101}, "score"), ({"priority": "asap"}, "priority"), ({"rating": "tepid"},
                                                                                         "rating"),
                        ({"lead_stage": "new"}, "lead_stage")):
        error = assert_error(client.patch(customer_url(created["id"]), json=body), 422, "VALIDATION_FAILED")
        assert field in detail_fields(error), error


def test_lead_pipelines_first_is_the_default_and_stages_holding_leads_stay(client):
    first = create_lead_pipeline(client)
    assert first["is_default"] is True
    assert first["stages"][1]["substages"][0] == {"id": "no-answer", "status": "No answer", "score": 15,
                                                  "description": "Tried, no reply yet"}
    second = create_lead_pipeline(client, name="Partners")
    assert second["is_default"] is False
    listed = client.get(LEAD_PIPELINES).get_json()
    assert (listed["total"], listed["results"][0]["id"]) == (2, first["id"])
    assert_error(client.delete(f"{LEAD_PIPELINES}/{first['id']}"), 409, "FAILED_PRECONDITION")

    lead = create_customer(client, status="lead")
    assert (lead["lead_pipeline_id"], lead["lead_stage"], lead["score"]) == (first["id"], "new", 10)
    shrunk = [stage for stage in stages() if stage["id"] != "new"]
    error = assert_error(client.patch(f"{LEAD_PIPELINES}/{first['id']}", json={"stages": shrunk}), 409,
                         "FAILED_PRECONDITION")
    assert error["details"] == [{"stage": "new", "leads": 1}]
    renamed = client.put(f"{LEAD_PIPELINES}/{second['id']}", json={"name": "Channel", "is_default": True},
                         headers={"If-Match": f'"{second["version"]}"'})
    assert renamed.status_code == 200 and renamed.get_json()["is_default"] is True, renamed.get_json()
    assert client.get(f"{LEAD_PIPELINES}/{first['id']}").get_json()["is_default"] is False
    assert client.delete(f"{LEAD_PIPELINES}/{first['id']}").status_code == 409  # a lead stands in it
    bad = client.post(LEAD_PIPELINES, json={"name": "No won stage", "stages": stages()[:2]})
    assert_error(bad, 422, "VALIDATION_FAILED")


def test_moving_a_lead_sets_its_score_and_the_board_counts_it(client):
    pipeline = create_lead_pipeline(client)
    ada = create_customer(client, name="Ada", status="lead")
    bob = create_customer(client, name="Bob", status="lead")
    create_customer(client, name="Cy", status="prospect")

    moved = move(client, ada["id"], stage="contacted", substage="meeting")
    assert moved.status_code == 200, moved.get_json()
    assert (moved.get_json()["lead_stage"], moved.get_json()["lead_substage"], moved.get_json()["score"]) == (
        "contacted", "meeting", 45)
    assert move(client, bob["id"], stage="contacted").get_json()["score"] == 30

    found = board(client, pipeline["id"])
    assert found["total"] == 2
    assert columns(found) == {"new": (0, []), "contacted": (2, ["Ada", "Bob"]), "converted": (0, []),
                              "disqualified": (0, [])}
    contacted = found["columns"][1]
    assert contacted["substage_counts"] == {"meeting": 1, "_none": 1}

    assert detail_fields(assert_error(move(client, ada["id"], stage="nowhere"), 422, "VALIDATION_FAILED")) == [
        "stage"]
    assert detail_fields(assert_error(move(client, ada["id"], stage="new", substage="meeting"), 422,
                                      "VALIDATION_FAILED")) == ["substage"]
    assert "convert" in assert_error(move(client, ada["id"], stage="converted"), 409,
                                     "FAILED_PRECONDITION")["message"]
    assert_error(move(client, ada["id"], stage="contacted", substage="meeting"), 409, "FAILED_PRECONDITION")


def test_a_column_pages_with_its_cursor_best_score_first(client):
    pipeline = create_lead_pipeline(client)
    for name, score in (("Low", 5), ("High", 90), ("Mid", 50)):
        create_customer(client, name=name, status="lead", score=score)
    first = board(client, pipeline["id"], stage="new", per_column=2)
    column = first["columns"][0]
    assert ([c["name"] for c in column["cards"]], column["count"], len(first["columns"])) == (["High", "Mid"], 3, 1)
    rest = board(client, pipeline["id"], stage="new", per_column=2, cursor=column["next_cursor"])
    assert ([c["name"] for c in rest["columns"][0]["cards"]], rest["columns"][0]["next_cursor"]) == (["Low"], None)
    error = assert_error(client.get(f"{LEAD_PIPELINES}/{pipeline['id']}/board", query_string={
        "cursor": column["next_cursor"]}), 400, "INVALID_ARGUMENT")
    assert "stage" in str(error)
    assert_error(client.get(f"{LEAD_PIPELINES}/{pipeline['id']}/board", query_string={"stage": "contacted",
                                                                                      "cursor": column["next_cursor"]}),
                 400, "INVALID_ARGUMENT")


def test_a_reps_board_holds_their_own_leads(as_user):
    admin, rep = as_user("boss", "admin"), as_user("rep-1", "rep")
    pipeline = create_lead_pipeline(admin)
    create_customer(admin, name="Theirs", status="lead", owner_id="rep-1")
    create_customer(admin, name="Others", status="lead", owner_id="rep-2")
    found = board(rep, pipeline["id"])
    assert (found["owner_id"], found["total"], columns(found)["new"]) == ("rep-1", 1, (1, ["Theirs"]))
    assert columns(board(admin, pipeline["id"]))["new"][0] == 2
    assert_error(rep.get(f"{LEAD_PIPELINES}/{pipeline['id']}/board", query_string={"owner_id": "rep-2"}), 403,
                 "PERMISSION_DENIED")


def test_converting_or_losing_a_lead_moves_it_to_the_won_or_lost_stage(client):
    pipeline = create_lead_pipeline(client)
    won = create_customer(client, name="Won", status="lead")
    lost = create_customer(client, name="Lost", status="lead")
    move(client, won["id"], stage="contacted", substage="meeting")
    converted = client.post(customer_url(won["id"], "convert"), json={"title": "First order"})
    assert converted.status_code == 201, converted.get_json()
    assert client.post(customer_url(lost["id"], "mark-lost"), json={"reason": "no budget"}).status_code == 200
    after_won = client.get(customer_url(won["id"])).get_json()
    after_lost = client.get(customer_url(lost["id"])).get_json()
    assert (after_won["lead_stage"], after_won["score"], after_lost["lead_stage"], after_lost["score"]) == (
        "converted", 100, "disqualified", 0)
    counts = {c["stage"]["id"]: c["count"] for c in board(client, pipeline["id"])["columns"]}
    assert counts == {"new": 0, "contacted": 0, "converted": 1, "disqualified": 1}
    assert_error(move(client, won["id"], stage="new"), 409, "FAILED_PRECONDITION")


def test_without_a_lead_pipeline_leads_stand_on_no_board(client):
    lead = create_customer(client, status="lead")
    assert (lead["lead_pipeline_id"], lead["lead_stage"]) == (None, None)
    assert "lead pipeline" in assert_error(move(client, lead["id"], stage="new"), 409,
                                           "FAILED_PRECONDITION")["message"]
    pipeline = create_lead_pipeline(client)
    placed = move(client, lead["id"], stage="new")
    assert placed.status_code == 200 and placed.get_json()["lead_pipeline_id"] == pipeline["id"]


@pytest.fixture
def qualified(client) -> dict[str, str]:
    made = {
        "ada": create_customer(client, name="Ada", status="lead", source="website", priority="high", rating="hot"),
        "bob": create_customer(client, name="Bob", status="lead", source="referral", priority="low", rating="cold"),
        "cy": create_customer(client, name="Cy", status="prospect", source="website", priority="high", rating="warm"),
        "dee": create_customer(client, name="Dee", status="customer", source="website"),
    }
    return {key: record["id"] for key, record in made.items()}


@pytest.mark.parametrize(("query", "expected"), [
    ({"status": "lead,prospect"}, ["ada", "bob", "cy"]),
    ({"status": "lead,customer", "source": "website"}, ["ada", "dee"]),
    ({"priority": "high"}, ["ada", "cy"]),
    ({"rating": "hot"}, ["ada"]),
    ({"source": "website", "priority": "high", "status": "prospect"}, ["cy"]),
    ({"search": "ada", "priority": "high"}, ["ada"]),
    ({"search": "bob", "priority": "high"}, []),
])
def test_customer_list_qualification_filters(client, qualified, query, expected):
    response = client.get(CUSTOMERS, query_string=query)
    assert response.status_code == 200, response.get_json()
    assert [r["id"] for r in response.get_json()["results"]] == [qualified[key] for key in expected]


def test_a_created_range_lists_newest_first(client, qualified):
    response = client.get(CUSTOMERS, query_string={"created_from": "2000-01-01", "status": "lead,prospect"})
    assert response.status_code == 200, response.get_json()
    assert [r["id"] for r in response.get_json()["results"]] == [qualified[k] for k in ("cy", "bob", "ada")]
    nothing = client.get(CUSTOMERS, query_string={"created_to": "2000-01-01"}).get_json()
    assert nothing["results"] == []


@pytest.mark.parametrize("query", [
    {"created_from": "2024-01-01", "search": "ada"},
    {"created_from": "2024-01-01", "order_by": "name"},
    {"created_from": "2024-02-01", "created_to": "2024-01-01"},
    {"status": "lead,nobody"},
])
def test_combinations_that_need_unbounded_reads_are_refused(client, query):
    error = assert_error(client.get(CUSTOMERS, query_string=query), 400, "INVALID_ARGUMENT")
    assert error["details"], error
