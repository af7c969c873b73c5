"""The Firestore side of jobs, wired together: the services a job runs with, and how a job is set going (the local
runner in local mode; otherwise the deployed scheduled function ``transfer_jobs`` finds it within a minute, see
crm.jobs.function)."""

from __future__ import annotations

from crm.domain.transfer.kinds import TransferKind
from crm.services.transfer.jobs import TransferServices
from crm.settings import Settings
from crm.store.client import firestore_client
from crm.store.collections import CollectionNames
from crm.store.transfer.external_ids import import_transactions
from crm.store.transfer.files import FirestoreFiles
from crm.store.transfer.jobs import FirestoreJobs
from crm.store.transfer.streams import ActivityStream, CustomerStream, DealStream, OrderStream


def transfer_services(settings: Settings, *, local_runner: bool | None = None) -> TransferServices:
    db = firestore_client(settings)
    names = CollectionNames(settings.collection_prefix)
    jobs = FirestoreJobs(db, names)
    services = TransferServices(
        jobs=jobs, files=FirestoreFiles(db, names),
        transactions=import_transactions(db, names, settings.default_currency),
        streams={TransferKind.CUSTOMERS: CustomerStream(db, names), TransferKind.DEALS: DealStream(db, names),
                 TransferKind.ORDERS: OrderStream(db, names), TransferKind.ACTIVITIES: ActivityStream(db, names)},
        default_language=settings.default_language, phone_region=settings.default_phone_region,
    )
    if settings.local_mode if local_runner is None else local_runner:
        from crm.jobs.runner import LocalJobRunner

        services.enqueue = LocalJobRunner(services).submit
    return services
