import os, uuid
import functions_framework
from crm.settings import get_settings
from crm.http import app as app_module

def test_entry(local_env, monkeypatch, token_for):
    monkeypatch.setenv("CRM_COLLECTION_PREFIX", f"t{uuid.uuid4().hex[:10]}_")
    get_settings.cache_clear(); app_module._default_app.cache_clear()
    c = functions_framework.create_app("api", os.path.abspath("functions/main.py")).test_client()
    h = {"Authorization": f"Bearer {token_for()}"}
    r = c.post("/api/crm/customers", json={"name": "x"}, headers=h); print(r.status_code)
    r = c.get("/api/crm/customers", headers=h); print(r.status_code, r.json["total"])
    r = c.post("/api/crm/customers/abc/upgrade", headers=h); print(r.status_code, r.data)
    get_settings.cache_clear(); app_module._default_app.cache_clear()
