"""Cloud Functions entry points, deployable by `firebase deploy` (or as functions-framework targets):

- `api`, the HTTPS function (`functions-framework --source main.py --target api`);
- `redirect`, the tracked links' `/r/{code}` (Hosting sends `/r/**` to it): a 302 that waits for no Firestore call,
  the click written once the answer has left (deploy it with instance-based billing: see the README);
- `webhook_outbox`, run for each webhook event the API writes to the outbox: delivers it at once;
- `webhook_sweep`, every minute: retries that are due, and events the trigger missed;
- `transfer_jobs`, every minute: runs imports, exports and bulk actions;
- `partner_programme_minute`, every minute: clicks into the running totals, commissions due approved.

The background functions are defined only where they run (and when the Firebase CLI reads this file to deploy):
`api`'s and `redirect`'s instances import nothing for them. Their code is imported on first call.
"""

import os

from firebase_functions import https_fn

from crm.http import handle_redirect, handle_request


@https_fn.on_request()
def api(req: https_fn.Request) -> https_fn.Response:
    return handle_request(req)


@https_fn.on_request()
def redirect(req: https_fn.Request) -> https_fn.Response:
    return handle_redirect(req)


if os.environ.get("FUNCTION_TARGET") not in ("api", "redirect"):
    from firebase_functions import firestore_fn, options, scheduler_fn

    OUTBOX = os.environ.get("CRM_COLLECTION_PREFIX", "") + "webhook_events/{event_id}"

    @firestore_fn.on_document_created(document=OUTBOX, timeout_sec=120)
    def webhook_outbox(event: firestore_fn.Event) -> None:
        from crm.outbound.webhooks import deliver_event

        deliver_event(event.params["event_id"])

    @scheduler_fn.on_schedule(schedule="every 1 minutes", timeout_sec=120, retry_count=0)
    def webhook_sweep(event: scheduler_fn.ScheduledEvent) -> None:
        from crm.outbound.webhooks import sweep

        sweep()

    @scheduler_fn.on_schedule(schedule="every 1 minutes", timeout_sec=540, memory=options.MemoryOption.MB_512)
    def transfer_jobs(event: scheduler_fn.ScheduledEvent) -> None:
        from crm.jobs.function import run_due_jobs

        run_due_jobs()

    @scheduler_fn.on_schedule(schedule="every 1 minutes")
    def partner_programme_minute(event: scheduler_fn.ScheduledEvent) -> None:
        from crm.scheduled import partner_programme_minute as run
        from crm.settings import get_settings

        run(get_settings())
