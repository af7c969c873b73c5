"""Lead pipelines in Firestore; which one is the default (where new leads are placed) lives in one settings
document, ``crm_config/lead_pipelines``."""

from __future__ import annotations

from typing import Any

from google.cloud import firestore

from crm.domain.qualification.lead_pipelines import LeadPipeline
from crm.store.unit_of_work import UnitOfWork

SETTINGS = "lead_pipelines"


def lead_pipeline_to_document(pipeline: LeadPipeline) -> dict[str, Any]:
    return pipeline.model_dump(mode="json", exclude={"id", "is_default", "created_at", "updated_at", "version"}) | {
        "created_at": pipeline.created_at,
        "updated_at": pipeline.updated_at,
    }


def lead_pipeline_from_snapshot(snapshot: firestore.DocumentSnapshot, default_id: str | None) -> LeadPipeline:
    return LeadPipeline(**(snapshot.to_dict() or {}), id=snapshot.id, is_default=snapshot.id == default_id)


class TxLeadPipelines:
    """Lead pipelines inside a unit of work; there may be none (then new leads are not placed on a board)."""

    def __init__(self, uow: UnitOfWork):
        self._uow = uow
        self._pipelines = uow.collection(uow.names.lead_pipelines)
        self._settings = uow.collection(uow.names.config).document(SETTINGS)

    def new_id(self) -> str:
        return self._pipelines.document().id

    def default_id(self) -> str | None:
        snapshot = self._uow.get(self._settings)
        return snapshot.get("default_id") if snapshot.exists else None

    def get(self, pipeline_id: str) -> LeadPipeline | None:
        default_id = self.default_id()
        snapshot = self._uow.get(self._pipelines.document(pipeline_id))
        return lead_pipeline_from_snapshot(snapshot, default_id) if snapshot.exists else None

    def default(self) -> LeadPipeline | None:
        default_id = self.default_id()
        return self.get(default_id) if default_id else None

    def all(self) -> list[LeadPipeline]:
        default_id = self.default_id()
        found = [lead_pipeline_from_snapshot(s, default_id) for s in self._uow.query(self._pipelines.limit(100))]
        return sorted(found, key=lambda p: (not p.is_default, p.name.casefold(), p.id))

    def put(self, pipeline: LeadPipeline) -> None:
        """Stage the write; a pipeline marked default becomes the default."""
        self._uow.set(self._pipelines.document(pipeline.id), lead_pipeline_to_document(pipeline))
        if pipeline.is_default:
            self._uow.set(self._settings, {"default_id": pipeline.id})

    def delete(self, pipeline_id: str) -> None:
        self._uow.delete(self._pipelines.document(pipeline_id))
