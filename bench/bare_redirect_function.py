"""The benchmark's BARE function: a Firebase HTTPS function that only answers a 302 to a destination with a made-up
click id, served by functions-framework exactly like ours (``--target bare``)."""

import uuid

from firebase_functions import https_fn
from flask import Response


@https_fn.on_request()
def bare(req: https_fn.Request) -> https_fn.Response:
    return Response(status=302, headers={"Location": f"https://shop.example.com/landing?click_id={uuid.uuid4().hex}",
                                         "Cache-Control": "no-store"})
