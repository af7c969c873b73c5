"""Pipelines in Firestore; which one is the default lives in one settings document, so there is always one."""

from __future__ import annotations

import contextlib
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from crm.domain.common import utc_now
from crm.domain.pipelines import DEFAULT_PIPELINE_ID, Pipeline, default_pipeline
from crm.store import read_meter
from crm.store.collections import CollectionNames
from crm.store.config import PIPELINES as PIPELINES_CONFIG
from crm.store.config import TxConfig
from crm.store.unit_of_work import UnitOfWork


def pipeline_to_document(pipeline: Pipeline) -> dict[str, Any]:
    return pipeline.model_dump(mode="json", exclude={"id", "is_default", "created_at", "updated_at", "version"}) | {
        "created_at": pipeline.created_at,
        "updated_at": pipeline.updated_at,
    }


def pipeline_from_snapshot(snapshot: firestore.DocumentSnapshot, default_id: str | None) -> Pipeline:
    return Pipeline(**(snapshot.to_dict() or {}), id=snapshot.id, is_default=snapshot.id == default_id)


class TxPipelines:
    """Pipelines inside a unit of work. The first use creates the default Sales pipeline."""

    def __init__(self, uow: UnitOfWork, config: TxConfig):
        self._uow = uow
        self._config = config
        self._pipelines = uow.collection(uow.names.pipelines)
        self._created_default: Pipeline | None = None

    def default_id(self) -> str:
        default_id = self._config.default_pipeline_id()
        if default_id is None:
            self._bootstrap()
            return DEFAULT_PIPELINE_ID
        return default_id

    def _bootstrap(self) -> None:
        if self._created_default is not None:
            return
        snapshot = self._uow.get(self._pipelines.document(DEFAULT_PIPELINE_ID))
        if snapshot.exists:
            self._created_default = pipeline_from_snapshot(snapshot, DEFAULT_PIPELINE_ID)
        else:
            self._created_default = default_pipeline(utc_now())
            self._uow.set(self._pipelines.document(DEFAULT_PIPELINE_ID), pipeline_to_document(self._created_default))
        self._config.set_default_pipeline_id(DEFAULT_PIPELINE_ID)

    def get(self, pipeline_id: str) -> Pipeline | None:
        default_id = self.default_id()
        if self._created_default is not None and pipeline_id == self._created_default.id:
            return self._created_default
        snapshot = self._uow.get(self._pipelines.document(pipeline_id))
        return pipeline_from_snapshot(snapshot, default_id) if snapshot.exists else None

    def default(self) -> Pipeline:
        pipeline = self.get(self.default_id())
        if pipeline is None:
            raise LookupError("the default pipeline document is missing")
        return pipeline

    def all(self) -> list[Pipeline]:
        default_id = self.default_id()
        found = {s.id: pipeline_from_snapshot(s, default_id) for s in self._uow.query(self._pipelines.order_by("name"))}
        if self._created_default is not None:
            found.setdefault(self._created_default.id, self._created_default)
        return sorted(found.values(), key=lambda p: (p.name.casefold(), p.id))

    def new_id(self) -> str:
        return self._pipelines.document().id

    def put(self, pipeline: Pipeline) -> None:
        self._uow.set(self._pipelines.document(pipeline.id), pipeline_to_document(pipeline))
        if pipeline.is_default:
            self._config.set_default_pipeline_id(pipeline.id)

    def delete(self, pipeline_id: str) -> None:
        self._uow.delete(self._pipelines.document(pipeline_id))


def ensure_default_pipeline(db: firestore.Client, names: CollectionNames) -> None:
    """Create the default Sales pipeline and name it the default, unless a default is set already.

    Only create-preconditions are used, so instances starting together cannot make two or overwrite one. Both
    documents are created in one batch; when another instance made one of them first, each is created on its own.
    """
    config = db.collection(names.config).document(PIPELINES_CONFIG)
    snapshot = config.get()
    read_meter.record_lookups(1)
    if snapshot.exists:
        return
    pipeline = db.collection(names.pipelines).document(DEFAULT_PIPELINE_ID)
    documents = [(pipeline, pipeline_to_document(default_pipeline(utc_now()))),
                 (config, {"default_pipeline_id": DEFAULT_PIPELINE_ID})]
    batch = db.batch()
    for ref, data in documents:
        batch.create(ref, data)
    try:
        batch.commit()
    except google_exceptions.AlreadyExists:
        for ref, data in documents:
            with contextlib.suppress(google_exceptions.AlreadyExists):
                ref.create(data)
