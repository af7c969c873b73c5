"""Cloud Functions entry point: the HTTPS function `api`, deployable by `firebase deploy` or as a
functions-framework target (`functions-framework --source main.py --target api`), and the scheduled function
`transfer_jobs` that runs imports, exports and bulk actions."""

from firebase_functions import https_fn, options, scheduler_fn

from crm.http import handle_request


@https_fn.on_request()
def api(req: https_fn.Request) -> https_fn.Response:
    return handle_request(req)


@scheduler_fn.on_schedule(schedule="every 1 minutes", timeout_sec=540, memory=options.MemoryOption.MB_512)
def transfer_jobs(event: scheduler_fn.ScheduledEvent) -> None:
    from crm.jobs.function import run_due_jobs

    run_due_jobs()
