"""Cloud Functions entry point: the HTTPS function `api`, deployable by `firebase deploy` or as a
functions-framework target (`functions-framework --source main.py --target api`)."""

from firebase_functions import https_fn

from crm.http import handle_request


@https_fn.on_request()
def api(req: https_fn.Request) -> https_fn.Response:
    return handle_request(req)
