"""Demo integrations: a website's contact form and an ad platform as lead sources, and a webhook endpoint that an
admin has switched off (so nothing is sent from a demo to a real address)."""

from __future__ import annotations

from google.cloud import firestore

from crm.domain.lead_intake.sources import LeadSourceCreate
from crm.domain.webhooks.endpoints import WebhookEndpointCreate
from crm.identity import Caller, Role
from crm.services.lead_intake import sources
from crm.services.webhooks import endpoints
from crm.store.collections import CollectionNames
from crm.store.crm_transaction import CrmTransactions
from crm.store.lead_intake.sources import FirestoreLeadSources
from crm.store.webhooks.endpoints import FirestoreWebhookEndpoints

ADMIN = Caller(uid="demo-admin", role=Role.ADMIN, via="token")


def load_demo_integrations(transactions: CrmTransactions, db: firestore.Client, names: CollectionNames) -> None:
    lead_sources = FirestoreLeadSources(db, names)
    sources.create_source(transactions, lead_sources, LeadSourceCreate.model_validate({
        "name": "Website contact form", "allowed_origins": ["https://www.example.com"], "owner_id": "rep-maria",
        "tags": ["website"], "required_fields": ["name", "email"]}), ADMIN)
    sources.create_source(transactions, lead_sources, LeadSourceCreate.model_validate({
        "name": "Meta lead ads", "kind": "ad_platform", "signature_required": True, "tags": ["ads"]}), ADMIN)
    endpoints.create_endpoint(transactions, FirestoreWebhookEndpoints(db, names), WebhookEndpointCreate.model_validate({
        "url": "https://shop.example.com/hooks/crm", "description": "Web shop (switched off in the demo)",
        "events": ["customer.created", "customer.updated", "order.status_changed"], "enabled": False}), ADMIN,
        allow_private=False)
