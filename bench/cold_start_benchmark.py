"""Cold start of the deployed function against a bare Firebase Python function with Firestore and Auth.

Run from the repository root with the project's virtualenv:

    .venv/bin/python bench/cold_start_benchmark.py [--rounds 7]

What it does:

1. Packages ``functions/`` (``bin/package-functions``) and writes a BARE function next to it: a module that imports
   what any Firebase Python function over Firestore and Auth imports (firebase_functions.https_fn, firebase_admin
   with auth, google.cloud.firestore) and serves two paths: ``/health`` (a JSON answer) and ``/customers`` (verify
   the ID token with firebase-admin, read 25 documents).
2. Starts its own Firestore emulator and loads 100 demo customers.
3. For ``--rounds`` rounds, alternating between the two functions so that machine noise hits both alike, starts a
   fresh Python process that (a) imports the function module, (b) answers its first request, (c) a second one,
   each timed with ``time.perf_counter`` (wall) and ``time.process_time`` (CPU of the process). The first request
   is a health check in one set of rounds and a first page of 25 customers (with an emulator ID token) in another.
4. Prints medians per function and the ratios ours / bare; as the LAST line, one JSON object:

   - ``rounds``; ``import_ms``, ``import_cpu_ms``: {"ours", "bare", "ratio"} medians of the module import.
   - ``first_health_ms``, ``first_list_ms``: {"ours", "bare", "ratio"} medians of the first request after import.
   - ``import_plus_first_list_ms``: {"ours", "bare", "ratio"}: what the first user of a new instance waits for
     (on top of the platform's own start).
   - ``second_list_ms``: {"ours", "bare"}: a warm request, for scale.

Timings come from the local emulator on a shared machine; the ratios, measured in the same run, are what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _harness import run_on_emulator  # noqa: E402

from crm.devstack.tokens import emulator_id_token  # noqa: E402

PROJECT_ID = "demo-crm-coldstart"
BARE_FUNCTION = '''
"""A bare Firebase Python function over Firestore and Auth: what any such function imports."""
import json

import firebase_admin
from firebase_admin import auth
from firebase_functions import https_fn
from google.cloud import firestore

_app = None
_db = None


@https_fn.on_request()
def api(req: https_fn.Request) -> https_fn.Response:
    global _app, _db
    if req.path.endswith("/health"):
        return https_fn.Response(json.dumps({"status": "ok"}), mimetype="application/json")
    if _app is None:
        _app = firebase_admin.initialize_app(options={"projectId": req.headers["X-Project"]})
        _db = firestore.Client(project=req.headers["X-Project"])
    claims = auth.verify_id_token(req.headers["Authorization"].split(" ", 1)[1], app=_app)
    docs = [d.to_dict() for d in _db.collection(req.headers["X-Collection"]).limit(25).stream()]
    return https_fn.Response(json.dumps({"uid": claims["uid"], "results": len(docs)}, default=str),
                             mimetype="application/json")
'''
PROBE = '''
import json, sys, time
from werkzeug.test import EnvironBuilder
from flask import Request

kind, path, headers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wall, cpu = time.perf_counter(), time.process_time()
import main
imported = (time.perf_counter() - wall, time.process_time() - cpu)


def answer():
    request = Request(EnvironBuilder(path=path, headers=headers).get_environ())
    start = time.perf_counter()
    response = main.api(request)
    assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:300])
    return time.perf_counter() - start


first = answer()
second = answer()
print(json.dumps({"import": imported[0], "import_cpu": imported[1], "first": first, "second": second}))
'''


def probe(folder: Path, path: str, headers: dict[str, str], env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, "x", path, json.dumps(headers)], cwd=folder, env=env,
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"probe in {folder} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def figures(ours: list[float], bare: list[float]) -> dict[str, float]:
    o, b = statistics.median(ours) * 1000, statistics.median(bare) * 1000
    return {"ours": round(o, 1), "bare": round(b, 1), "ratio": round(o / b, 2)}


def run(args: argparse.Namespace, emulator_address: str) -> dict[str, Any]:
    subprocess.run([str(ROOT / "bin" / "package-functions")], check=True, capture_output=True)
    os.environ.update({"CRM_ENV": "local", "FIRESTORE_EMULATOR_HOST": emulator_address,
                       "GOOGLE_CLOUD_PROJECT": PROJECT_ID, "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9"})
    prefix = f"cold{uuid.uuid4().hex[:8]}_"
    from crm.cli import load_demo
    from crm.settings import settings_from_env

    settings = settings_from_env({**os.environ, "CRM_COLLECTION_PREFIX": prefix})
    print(f"Loaded {load_demo(100, settings)} demo customers", flush=True)

    env = {**os.environ, "CRM_COLLECTION_PREFIX": prefix, "PYTHONDONTWRITEBYTECODE": "1"}
    token = emulator_id_token(PROJECT_ID, "cold-admin", role="admin")
    auth = {"Authorization": f"Bearer {token}"}
    bare_headers = {**auth, "X-Project": PROJECT_ID, "X-Collection": f"{prefix}customers"}
    runs: dict[str, dict[str, list[dict[str, float]]]] = {"health": {"ours": [], "bare": []},
                                                          "list": {"ours": [], "bare": []}}
    with tempfile.TemporaryDirectory() as bare_dir:
        Path(bare_dir, "main.py").write_text(textwrap.dedent(BARE_FUNCTION))
        folders = {"ours": ROOT / "functions", "bare": Path(bare_dir)}
        for round_number in range(args.rounds):
            for kind, ours_path, bare_path in (("health", "/api/health", "/health"),
                                               ("list", "/api/crm/customers", "/customers")):
                order = ("ours", "bare") if round_number % 2 == 0 else ("bare", "ours")
                for which in order:
                    headers = {} if kind == "health" else (auth if which == "ours" else bare_headers)
                    result = probe(folders[which], ours_path if which == "ours" else bare_path, headers, env)
                    runs[kind][which].append(result)
            last = {k: {w: round(v[w][-1]["import"] * 1000) for w in v} for k, v in runs.items()}
            print(f"round {round_number + 1}/{args.rounds}: import ms {last}", flush=True)

    def pick(kind: str, which: str, key: str) -> list[float]:
        return [r[key] for r in runs[kind][which]]

    imports = {w: pick("health", w, "import") + pick("list", w, "import") for w in ("ours", "bare")}
    cpu = {w: pick("health", w, "import_cpu") + pick("list", w, "import_cpu") for w in ("ours", "bare")}
    total = {w: [r["import"] + r["first"] for r in runs["list"][w]] for w in ("ours", "bare")}
    result = {
        "rounds": args.rounds,
        "import_ms": figures(imports["ours"], imports["bare"]),
        "import_cpu_ms": figures(cpu["ours"], cpu["bare"]),
        "first_health_ms": figures(pick("health", "ours", "first"), pick("health", "bare", "first")),
        "first_list_ms": figures(pick("list", "ours", "first"), pick("list", "bare", "first")),
        "import_plus_first_list_ms": figures(total["ours"], total["bare"]),
        "second_list_ms": {w: round(statistics.median(pick("list", w, "second")) * 1000, 1) for w in ("ours", "bare")},
    }
    print()
    for key in ("import_ms", "import_cpu_ms", "first_health_ms", "first_list_ms", "import_plus_first_list_ms"):
        f = result[key]
        print(f"{key:28} ours {f['ours']:8.1f}  bare {f['bare']:8.1f}  ratio {f['ratio']:.2f}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    return run_on_emulator(run, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
