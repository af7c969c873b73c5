"""CPU time to encode the documents of a write: the Firestore client library against ``crm.store.encoding``.

Run from the repository root with the project's venv::

    .venv/bin/python bench/encoding_benchmark.py [--customers 300] [--rounds 5]

For ``--customers`` demo customers (``crm.devstack.demo_data``), each as the store writes it
(``customer_to_document``: its fields and its search keys, about 440 values) and as its audit entry of a creation
(the same values as ``after``, with a server timestamp), encodes every document into the ``Write`` a commit sends:
with the library (``pbs_for_create``) and with the store's own encoder, alternating over ``--rounds`` rounds and
timed with ``time.process_time`` (CPU of this process, so other work on the machine weighs less). Checks that both
serialize to the same bytes. No Firestore is needed. Prints per-document medians, and as its LAST line one JSON
object: ``documents``, ``values_per_customer``, ``library_ms``, ``ours_ms`` (median CPU per document), ``ratio``
(library / ours), ``same_bytes``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from google.cloud import firestore  # noqa: E402
from google.cloud.firestore_v1 import _helpers  # noqa: E402
from google.cloud.firestore_v1.types import write  # noqa: E402

from crm.devstack.demo_data import demo_customers  # noqa: E402
from crm.store.customers import customer_to_document  # noqa: E402
from crm.store.encoding import encoded_write  # noqa: E402

PATH = "projects/demo/databases/(default)/documents/customers/{}"


def values(data: Any) -> int:
    if isinstance(data, dict):
        return 1 + sum(values(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(values(value) for value in data)
    return 1


def library(documents: list[tuple[str, dict[str, Any]]]) -> list[bytes]:
    return [write.Write.pb(pb).SerializeToString(deterministic=True)
            for path, data in documents for pb in _helpers.pbs_for_create(path, data)]


def ours(documents: list[tuple[str, dict[str, Any]]]) -> list[bytes]:
    return [write.Write.pb(encoded_write(path, data, create=True)).SerializeToString(deterministic=True)
            for path, data in documents]


def timed(encode: Any, documents: list[tuple[str, dict[str, Any]]]) -> tuple[float, list[bytes]]:
    started = time.process_time()
    out = encode(documents)
    return (time.process_time() - started) * 1000 / len(documents), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    customers = [customer_to_document(c) for c in demo_customers(args.customers, new_id=lambda: uuid.uuid4().hex)]
    documents = [(PATH.format(index), data) for index, data in enumerate(customers)]
    documents += [(PATH.format(f"audit-{index}"), {"at": firestore.SERVER_TIMESTAMP, "action": "create",
                                                    "before": None, "after": data})
                  for index, data in enumerate(customers)]
    theirs_ms, ours_ms, same = [], [], True
    for _ in range(args.rounds):
        spent, expected = timed(library, documents)
        theirs_ms.append(spent)
        spent, got = timed(ours, documents)
        ours_ms.append(spent)
        same = same and expected == got
    result = {"documents": len(documents), "values_per_customer": round(statistics.mean(map(values, customers))),
              "library_ms": round(statistics.median(theirs_ms), 2), "ours_ms": round(statistics.median(ours_ms), 2),
              "ratio": round(statistics.median(theirs_ms) / statistics.median(ours_ms), 1), "same_bytes": same}
    print(f"{result['documents']} documents ({result['values_per_customer']} values a customer): library "
          f"{result['library_ms']} ms, ours {result['ours_ms']} ms CPU a document = {result['ratio']}x; "
          f"same bytes: {same}")
    print(json.dumps(result))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
