"""Imports, exports and bulk jobs through HTTP: queued, run by the local runner in the background, polled."""

from __future__ import annotations

import csv
import io
import json
import time

from tests.api.helpers import assert_error, create_customer

IMPORTS, EXPORTS, JOBS = "/api/crm/imports", "/api/crm/exports", "/api/crm/jobs"
CSV = "name,email,tags\nAda Lovelace,ada@example.com,vip\nBad,not-an-email,\nGrace Hopper,grace@example.com,navy\n"


def wait_for(client, job_id: str, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"{JOBS}/{job_id}").get_json()
        if job["status"] in ("succeeded", "failed", "cancelled"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_an_import_job_runs_in_the_background_and_reports_its_rows(client):
    response = client.post(IMPORTS, json={"kind": "customers", "content": CSV, "file_name": "people.csv"})

    assert response.status_code == 202, response.get_json()
    assert response.headers["Location"].endswith(f"/crm/jobs/{response.get_json()['id']}")
    job = wait_for(client, response.get_json()["id"])
    assert job["status"] == "succeeded", job
    assert job["progress"] == {"done": 3, "total": 3, "counts": {"created": 2, "failed": 1}}
    assert job["error_count"] == 1 and job["errors"][0]["line"] == 3 and job["errors"][0]["field"] == "email"
    errors = client.get(f"{JOBS}/{job['id']}/errors").get_json()
    assert [e["line"] for e in errors["results"]] == [3] and errors["next_after"] is None
    listed = client.get("/api/crm/customers", query_string={"tag": "vip"}).get_json()
    assert [c["name"] for c in listed["results"]] == ["Ada Lovelace"]


def test_a_dry_run_job_writes_nothing(client):
    job = wait_for(client, client.post(IMPORTS, json={"kind": "customers", "content": CSV, "dry_run": True})
                   .get_json()["id"])

    assert job["status"] == "succeeded" and job["progress"]["counts"] == {"created": 2, "failed": 1}
    assert client.get("/api/crm/customers").get_json()["total"] == 0


def test_an_upload_in_parts_then_a_preview_and_an_import(client):
    upload = client.post("/api/crm/uploads", json={"file_name": "big.csv"}).get_json()
    for index, text in enumerate([CSV[:30], CSV[30:]]):
        response = client.post(f"/api/crm/uploads/{upload['id']}/parts", json={"index": index, "text": text})
        assert response.status_code == 200, response.get_json()
    assert response.get_json()["parts"] == 2
    skipped = client.post(f"/api/crm/uploads/{upload['id']}/parts", json={"index": 5, "text": "x"})
    assert_error(skipped, 409, "FAILED_PRECONDITION")

    preview = client.post(f"{IMPORTS}/preview", json={"kind": "customers", "upload_id": upload["id"]}).get_json()
    assert preview["headers"] == ["name", "email", "tags"] and preview["unmapped"] == []
    assert [r["line"] for r in preview["rows"]] == [2, 3, 4]
    assert [(e["line"], e["field"]) for e in preview["errors"]] == [(3, "email")]

    job = wait_for(client, client.post(IMPORTS, json={"kind": "customers", "upload_id": upload["id"]})
                   .get_json()["id"])
    assert job["progress"]["counts"] == {"created": 2, "failed": 1} and job["file_name"] == "big.csv"


def test_someone_elses_upload_is_not_found(client, as_user):
    upload = client.post("/api/crm/uploads", json={"file_name": "mine.csv"}).get_json()

    other = as_user("rep-9", "rep")
    assert_error(other.post(f"/api/crm/uploads/{upload['id']}/parts", json={"index": 0, "text": "a"}), 404,
                 "NOT_FOUND")
    assert_error(other.post(IMPORTS, json={"kind": "customers", "upload_id": upload["id"]}), 404, "NOT_FOUND")


def test_people_are_declared_but_not_importable_yet(client):
    response = client.post(IMPORTS, json={"kind": "people", "content": "name\nA\n"})

    error = assert_error(response, 409, "FAILED_PRECONDITION")
    assert "people" in error["message"]


def test_an_export_streams_the_filtered_list_and_downloads(client):
    for n in range(7):
        create_customer(client, name=f"Export {n}", tags=["vip"] if n % 2 else ["other"])

    job = wait_for(client, client.post(EXPORTS, json={"kind": "customers", "filters": {"tag": "vip"}})
                   .get_json()["id"])
    assert job["status"] == "succeeded" and job["progress"]["counts"] == {"records": 3}

    download = client.get(f"{JOBS}/{job['id']}/download")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert sorted(r["name"] for r in rows) == ["Export 1", "Export 3", "Export 5"]
    assert int(download.headers["Content-Length"]) == len(download.get_data())


def test_an_export_as_json_lines(client):
    created = create_customer(client, name="Jay Son")

    job = wait_for(client, client.post(EXPORTS, json={"kind": "customers", "format": "jsonl"}).get_json()["id"])
    lines = client.get(f"{JOBS}/{job['id']}/download").get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [created["id"]]


def test_a_rep_exports_only_their_own(as_user):
    rep = as_user("rep-1", "rep")
    assert_error(rep.post(EXPORTS, json={"kind": "customers", "filters": {"owner_id": "rep-2"}}), 403,
                 "PERMISSION_DENIED")


def test_an_unfinished_export_cannot_be_downloaded(client, app):
    app.extensions["crm"].transfer.enqueue = lambda job_id: None
    job = client.post(EXPORTS, json={"kind": "customers"}).get_json()

    assert_error(client.get(f"{JOBS}/{job['id']}/download"), 409, "FAILED_PRECONDITION")
    cancelled = client.post(f"{JOBS}/{job['id']}/cancel")
    assert cancelled.status_code == 200


def test_jobs_are_their_creators(client, as_user):
    job = client.post(EXPORTS, json={"kind": "customers"}).get_json()

    assert_error(as_user("manager-7", "manager").get(f"{JOBS}/{job['id']}"), 404, "NOT_FOUND")
    assert [j["id"] for j in client.get(JOBS).get_json()["results"]][:1] == [job["id"]]
