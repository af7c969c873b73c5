import threading, os, uuid, functools
import functions_framework
from crm.settings import get_settings
from crm.http import app as app_module

def test_concurrency(app, client):
    results = []
    barrier = threading.Barrier(10)
    headers = {"Authorization": client.environ_base["HTTP_AUTHORIZATION"]}
    def worker():
        c = app.test_client()
        barrier.wait()
        r = c.post("/api/crm/customers", json={"name": "Same", "email": "same@example.com"}, headers=headers)
        results.append((r.status_code, r.json.get("error", {}).get("code") if r.status_code != 201 else None))
    ts = [threading.Thread(target=worker) for _ in range(10)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print(sorted(results, key=str))

def test_entry(local_env, monkeypatch, token_for):
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", f"t{uuid.uuid4().hex[:10]}_")
    get_settings.cache_clear(); app_module._default_app.cache_clear()
    c = functions_framework.create_app("api", os.path.abspath("functions/main.py")).test_client()
    r = c.get("/api/health"); print(r.status_code, r.data)
    r = c.post("/api/crm/customers", json={"name": "x"}, headers={"Authorization": f"Bearer {token_for()}"}); print(r.status_code, r.data[:300], r.headers)
    r = c.get("/api/nope"); print(r.status_code, r.data[:300])
    get_settings.cache_clear(); app_module._default_app.cache_clear()
