"""Operator commands: the local stack, demo data, dev tokens, API keys, user roles, and repair of the deal totals."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from crm.devstack.demo_data import demo_customers
from crm.devstack.demo_pipeline import load_demo_activities, load_demo_deals, load_demo_orders
from crm.devstack.emulator import FirestoreEmulator, free_port
from crm.devstack.tokens import emulator_id_token
from crm.identity import Role, create_api_key, revoke_api_key, set_user_role
from crm.identity.firebase_users import FirebaseUserRoles
from crm.services.deal_reports import rebuild_deal_totals
from crm.settings import Settings, get_settings
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import crm_transactions
from crm.store.customers import FirestoreCustomerStore
from crm.store.deal_totals import FirestoreDealTotals
from crm.store.orders import FirestoreOrderReader

ROOT = Path(__file__).resolve().parent.parent
AUTH_EMULATOR_PLACEHOLDER = "127.0.0.1:9099"


def _stores(settings: Settings | None = None) -> tuple[FirestoreCustomerStore, FirestoreApiKeyStore]:
    settings = settings or get_settings()
    names = CollectionNames(settings.collection_prefix)
    db = firestore_client(settings)
    return FirestoreCustomerStore(db, names), FirestoreApiKeyStore(db, names)


def load_demo(count: int, settings: Settings | None = None) -> int:
    """Demo customers, then deals walked through every stage of the default pipeline, orders and activities."""
    settings = settings or get_settings()
    customers, _ = _stores(settings)
    batch = list(demo_customers(count, new_id=customers.new_id))
    customers.bulk_import(batch)
    transactions = crm_transactions(firestore_client(settings), CollectionNames(settings.collection_prefix),
                                    settings.default_currency)
    load_demo_deals(transactions, batch, max(6, count // 3))
    orders = FirestoreOrderReader(firestore_client(settings), CollectionNames(settings.collection_prefix))
    load_demo_orders(transactions, orders, batch, max(5, count // 5))
    load_demo_activities(transactions, batch, max(5, count // 4))
    return len(batch)


def cmd_dev(args: argparse.Namespace) -> int:
    """Emulator + demo data + the `api` function on functions-framework, until Ctrl-C."""
    with FirestoreEmulator(port=args.emulator_port) as emulator:
        env = {
            **os.environ,
            "CRM_ENV": "local",
            "FIRESTORE_EMULATOR_HOST": emulator.address,
            "FIREBASE_AUTH_EMULATOR_HOST": AUTH_EMULATOR_PLACEHOLDER,
            "GOOGLE_CLOUD_PROJECT": os.environ.get("GOOGLE_CLOUD_PROJECT", "demo-crm"),
        }
        os.environ.update(env)
        get_settings.cache_clear()
        loaded = load_demo(args.demo_customers)
        port = args.port or free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "functions_framework", "--source", str(ROOT / "functions" / "main.py"),
             "--target", "api", "--host", "127.0.0.1", "--port", str(port)],
            env=env, start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}/api"
            _wait_for(f"{base}/health", server)
            token = emulator_id_token(env["GOOGLE_CLOUD_PROJECT"], "dev-admin", role="admin", email="dev@example.com")
            print(f"\nCRM API ready at {base}  (Firestore emulator at {emulator.address}, {loaded} demo customers)")
            print(f"API docs:  {base}/docs")
            print(f"Dev token (admin, 24 h):\n  export TOKEN={token}")
            print(f'Try:\n  curl -H "Authorization: Bearer $TOKEN" "{base}/crm/customers?search=maria"')
            print("Ctrl-C stops the API and the emulator.", flush=True)
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=15)
    return 0


def _wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the API server exited early")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the API did not answer at {url}")


def cmd_token(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not settings.local_mode:
        print("tokens are minted only in local mode (CRM_ENV=local)", file=sys.stderr)
        return 2
    print(emulator_id_token(settings.project_id, args.uid, role=args.role, email=args.email))
    return 0


def cmd_api_key(args: argparse.Namespace) -> int:
    _, keys = _stores()
    if args.action == "create":
        secret, key = create_api_key(keys, args.name, Role(args.role), created_by="cli")
        print(f"API key {key.prefix} ({key.name}, role {key.role.value}); shown once, store it now:\n{secret}")
    elif args.action == "list":
        for key in keys.all():
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            print(f"{key.prefix}  {key.role.value:8}  {state:18}  {key.name}")
    else:
        key = revoke_api_key(keys, args.prefix)
        print(f"revoked {key.prefix} ({key.name})")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    """Set a user's role claim (other custom claims are kept); it applies from their next ID token."""
    role = set_user_role(FirebaseUserRoles(get_settings()), args.uid, Role(args.role))
    print(f"{args.uid} now has role {role.value}; it applies when their ID token is next refreshed (within the hour)")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    if not get_settings().local_mode:
        print("demo data goes only into the emulator (CRM_ENV=local)", file=sys.stderr)
        return 2
    print(f"loaded {load_demo(args.count)} demo customers")
    return 0


def cmd_rebuild_totals(args: argparse.Namespace) -> int:
    """Recompute the deal totals from the deals; run it while deals are not being written."""
    settings = get_settings()
    store = FirestoreDealTotals(firestore_client(settings), CollectionNames(settings.collection_prefix))
    result = rebuild_deal_totals(store, check_only=args.check)
    print(f"{result.deals} deals in {result.pipelines} pipelines; {result.differing_cells} stored cells differed "
          f"from the deals; {result.documents} totals documents written")
    return 1 if args.check and result.differing_cells else 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="crm", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    dev = sub.add_parser("dev", help="run the emulator, demo data and the API locally")
    dev.add_argument("--port", type=int, default=int(os.environ.get("CRM_PORT", 0)) or None)
    dev.add_argument("--emulator-port", type=int, default=None)
    dev.add_argument("--demo-customers", type=int, default=200)
    dev.set_defaults(run=cmd_dev)
    token = sub.add_parser("token", help="print an emulator ID token (local mode only)")
    token.add_argument("--uid", default="dev-admin")
    token.add_argument("--role", choices=[r.value for r in Role], default="admin")
    token.add_argument("--email", default=None)
    token.set_defaults(run=cmd_token)
    key = sub.add_parser("api-key", help="create, list or revoke API keys")
    key_sub = key.add_subparsers(dest="action", required=True)
    create = key_sub.add_parser("create")
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=[r.value for r in Role], default="rep")
    key_sub.add_parser("list")
    revoke = key_sub.add_parser("revoke")
    revoke.add_argument("prefix")
    key.set_defaults(run=cmd_api_key)
    set_role = sub.add_parser("set-role", help="set a user's role (Firebase custom claim)")
    set_role.add_argument("uid")
    set_role.add_argument("role", choices=[r.value for r in Role])
    set_role.set_defaults(run=cmd_set_role)
    demo = sub.add_parser("demo-data", help="load demo customers into the configured Firestore")
    demo.add_argument("--count", type=int, default=200)
    demo.set_defaults(run=cmd_demo_data)
    rebuild = sub.add_parser("rebuild-totals", help="recompute every pipeline's deal totals from the deals")
    rebuild.add_argument("--check", action="store_true", help="compare only, write nothing; exit 1 if they differ")
    rebuild.set_defaults(run=cmd_rebuild_totals)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
