"""Operator commands: the local stack, demo data, dev tokens, API keys, user roles, repair of the deal totals,
re-indexing customer search, the MCP server over stdio, webhook delivery, importing and exporting records, and the
partner programme's scheduled work."""

from __future__ import annotations

import argparse
import os
import sys

from crm.devstack.demo_accounts import demo_people, load_demo_accounts
from crm.devstack.demo_catalog import load_demo_catalog, load_demo_product_deals, qualified
from crm.devstack.demo_data import demo_customers
from crm.devstack.demo_partners import load_demo_partners
from crm.devstack.demo_pipeline import load_demo_activities, load_demo_deals, load_demo_orders
from crm.devstack.tokens import emulator_id_token
from crm.identity import Role, create_api_key, revoke_api_key, set_user_role
from crm.identity.firebase_users import FirebaseUserRoles
from crm.services.accounts.rebuild import rebuild_account_totals
from crm.services.deal_reports import rebuild_deal_totals
from crm.services.search_index import DEFAULT_BATCH, reindex_customer_search
from crm.settings import Settings, get_settings
from crm.store.accounts.duplicate_keys import FirestoreDuplicateKeys
from crm.store.accounts.totals import FirestoreAccountTotals
from crm.store.api_keys import FirestoreApiKeyStore
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import crm_transactions
from crm.store.customers import FirestoreCustomerReader, import_customers
from crm.store.deal_totals import FirestoreDealTotals
from crm.store.people.people import import_people
from crm.store.search_reindex import FirestoreSearchReindex


def _api_keys(settings: Settings | None = None) -> FirestoreApiKeyStore:
    settings = settings or get_settings()
    return FirestoreApiKeyStore(firestore_client(settings), CollectionNames(settings.collection_prefix))


def load_demo(count: int, settings: Settings | None = None) -> int:
    """Demo lead pipeline, products and tags; customers (leads on the lead board) and their contact persons, a group
    of companies and a likely duplicate; deals walked through every stage of the default pipeline, deals priced from
    the catalog, orders and activities, and demo integrations (lead sources, a switched-off webhook endpoint)
    and the partner programme.
    Returns how many customers it made."""
    settings = settings or get_settings()
    db, names = firestore_client(settings), CollectionNames(settings.collection_prefix)
    transactions = crm_transactions(db, names, settings.default_currency)
    lead_pipeline, products = load_demo_catalog(transactions)
    batch = qualified(list(demo_customers(count, new_id=FirestoreCustomerReader(db, names).new_id)), lead_pipeline)
    import_customers(db, names, batch)
    people = db.collection(names.people)
    import_people(db, names, list(demo_people(batch, count, new_id=lambda: people.document().id)))
    accounts = load_demo_accounts(transactions, batch)
    load_demo_deals(transactions, batch, max(6, count // 3))
    load_demo_product_deals(transactions, batch, products, max(3, count // 10))
    load_demo_orders(transactions, batch, max(5, count // 5))
    load_demo_activities(transactions, batch, max(5, count // 4))
    from crm.devstack.demo_integrations import load_demo_integrations

    load_demo_integrations(transactions, db, names)
    load_demo_partners(transactions, db, names, emails=[c.email for c in batch if c.email])
    return len(batch) + accounts


def cmd_dev(args: argparse.Namespace) -> int:
    """The whole product on one local origin: emulators, demo data and users, the built console and the API."""
    from crm.devstack.local_stack import run_local_stack

    return run_local_stack(port=args.port, emulator_port=args.emulator_port, demo_customers=args.demo_customers)


def cmd_token(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not settings.local_mode:
        print("tokens are minted only in local mode (CRM_ENV=local)", file=sys.stderr)
        return 2
    print(emulator_id_token(settings.project_id, args.uid, role=args.role, email=args.email))
    return 0


def cmd_api_key(args: argparse.Namespace) -> int:
    keys = _api_keys()
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
    db, names = firestore_client(settings), CollectionNames(settings.collection_prefix)
    accounts = rebuild_account_totals(FirestoreAccountTotals(db, names), FirestoreDuplicateKeys(db, names),
                                      check_only=args.check)
    print(f"{accounts.customers} customers' figures: {accounts.differing} differed from their deals and people; "
          f"{accounts.written} written; {accounts.keys} duplicate keys written")
    return 1 if args.check and (result.differing_cells or accounts.differing) else 0


def cmd_reindex_search(args: argparse.Namespace) -> int:
    """Rewrite every customer's search fields; resumes an interrupted run; safe while the API is serving."""
    from tqdm import tqdm

    settings = get_settings()
    index = FirestoreSearchReindex(firestore_client(settings), CollectionNames(settings.collection_prefix))
    resumed = None if args.restart else index.checkpoint()
    start = resumed.processed if resumed and not resumed.done and resumed.format == index.format else 0
    with tqdm(total=index.count(), initial=start, unit="customer", desc="search index") as bar:
        result = reindex_customer_search(index, restart=args.restart, batch_size=args.batch_size,
                                         progress=lambda outcome: bar.update(outcome.processed))
    resumed_note = f" (resumed after {start})" if start else ""
    print(f"{result.processed} customers read{resumed_note}, {result.changed} rewritten to search format "
          f"{result.format}")
    return 0


def cmd_mcp(args: argparse.Namespace) -> int:
    """The MCP server over stdio for a desktop assistant, acting with the API key in $CRM_API_KEY."""
    from crm.assistants.stdio import API_KEY_VARIABLE, serve_stdio

    api_key = os.environ.get(API_KEY_VARIABLE, "").strip()
    if not api_key:
        print(f"set {API_KEY_VARIABLE} to an API key (crm api-key create --name ... --role ...)", file=sys.stderr)
        return 2
    return serve_stdio(get_settings(), api_key)


def cmd_webhooks(args: argparse.Namespace) -> int:
    from crm.devstack import webhook_tools

    if args.action == "listen":
        return webhook_tools.listen(args.port, args.secret)
    return webhook_tools.deliver(once=args.once)


def cmd_partners_minute(args: argparse.Namespace) -> int:
    """The partner programme's scheduled minute, by hand: clicks into the totals, commissions due approved."""
    from crm.scheduled import partner_programme_minute

    result = partner_programme_minute(get_settings())
    print(f"{result.clicks_counted} clicks added to the partner totals; {result.commissions_approved} commissions "
          f"approved at the end of their hold period")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="crm", description=__doc__)
    sub = root.add_subparsers(dest="command", required=True)
    dev = sub.add_parser("dev", help="run the emulators, demo data and users, the console and the API locally")
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
    rebuild = sub.add_parser("rebuild-totals", help="recompute every pipeline's deal totals from the deals, and every "
                             "customer's figures and duplicate keys from its deals, people and record")
    rebuild.add_argument("--check", action="store_true", help="compare only, write nothing; exit 1 if they differ")
    rebuild.set_defaults(run=cmd_rebuild_totals)
    reindex = sub.add_parser("reindex-search", help="rewrite every customer's search fields (after their format "
                                                    "changes); resumable, safe while the API is serving")
    reindex.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    reindex.add_argument("--restart", action="store_true", help="start over instead of resuming an unfinished run")
    reindex.set_defaults(run=cmd_reindex_search)
    mcp = sub.add_parser("mcp", help="serve the MCP tools over stdio for a desktop assistant (API key in "
                                     "$CRM_API_KEY)")
    mcp.set_defaults(run=cmd_mcp)
    hooks = sub.add_parser("webhooks", help="deliver webhooks from the outbox, or receive them locally")
    hooks_sub = hooks.add_subparsers(dest="action", required=True)
    deliver = hooks_sub.add_parser("deliver", help="send what the outbox holds (default: keep watching it)")
    mode = deliver.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="send everything due now, then stop")
    mode.add_argument("--watch", action="store_true", help="deliver events as they arrive until Ctrl-C (default)")
    listen = hooks_sub.add_parser("listen", help="a local receiver that prints each webhook it gets")
    listen.add_argument("--port", type=int, default=0, help="default: a free port")
    listen.add_argument("--secret", default=None, help="the endpoint's secret, to check signatures")
    hooks.set_defaults(run=cmd_webhooks)
    from crm.cli_transfer import add_commands

    add_commands(sub)
    partners = sub.add_parser("partners-minute", help="the partner programme's scheduled work, once: clicks into "
                                                      "the totals, commissions at the end of their hold approved")
    partners.set_defaults(run=cmd_partners_minute)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
