"""Cloud Functions entry point: the HTTPS function `api`, deployable by `firebase deploy` or as a
functions-framework target (`functions-framework --source main.py --target api`), and the partner programme's
scheduled minute (`partner_programme_minute`: clicks into the running totals, commissions due approved)."""

from firebase_functions import https_fn, scheduler_fn

from crm.http import handle_request


@https_fn.on_request()
def api(req: https_fn.Request) -> https_fn.Response:
    return handle_request(req)


@scheduler_fn.on_schedule(schedule="every 1 minutes")
def partner_programme_minute(event: scheduler_fn.ScheduledEvent) -> None:
    from crm.scheduled import partner_programme_minute as run
    from crm.settings import get_settings

    run(get_settings())
