"""What a lead becomes: a new customer with status lead (its source, campaign and consent kept) and a task to follow
it up, or, for someone we already have, only the task."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from crm.domain.activities import ActivityCreate, ActivityType
from crm.domain.attribution import Consent
from crm.domain.customers import CustomerCreate, CustomerStatus
from crm.domain.lead_intake.sources import LeadSource
from crm.domain.lead_intake.submissions import LeadSubmission

MAX_DESCRIPTION = 5000


class LeadOutcome(StrEnum):
    CREATED = "created"
    MATCHED = "matched"
    SPAM = "spam"


def lead_customer(submission: LeadSubmission, source: LeadSource, now: datetime) -> CustomerCreate:
    consent = None
    if submission.consent_marketing or submission.consent_privacy:
        consent = Consent(marketing=submission.consent_marketing, privacy_policy=submission.consent_privacy,
                          recorded_at=now, recorded_via=f"lead source {source.name}")
    return CustomerCreate.model_validate({
        "name": submission.display_name(), "organization": submission.company, "email": submission.email,
        "phone": submission.phone, "tags": list(source.tags), "status": CustomerStatus.LEAD,
        "source": source.customer_source, "owner_id": source.owner_id, "utm": submission.utm, "consent": consent,
    })


def follow_up(submission: LeadSubmission, source: LeadSource, customer_id: str, *, existing: bool,
              due: datetime) -> ActivityCreate:
    """The task that puts the lead in front of its owner: what they wrote and everything the form sent."""
    subject = f"{'New inquiry' if existing else 'New lead'} via {source.name}"
    return ActivityCreate(type=ActivityType.TASK, subject=subject[:200], description=describe(submission, source),
                          customer_id=customer_id, due_at=due)


def describe(submission: LeadSubmission, source: LeadSource) -> str:
    lines = []
    if submission.message:
        lines += [submission.message, ""]
    given = [("Name", submission.name), ("Email", submission.email), ("Phone", submission.phone),
             ("Company", submission.company)]
    lines += [f"{label}: {value}" for label, value in given if value]
    lines.append(f"Source: {source.name}")
    if submission.utm is not None:
        utm = submission.utm.model_dump(exclude_none=True)
        lines.append("Campaign: " + ", ".join(f"{key}={value}" for key, value in utm.items()))
    consents = [what for what, given_ in (("marketing", submission.consent_marketing),
                                          ("privacy policy", submission.consent_privacy)) if given_]
    lines.append("Consent: " + (", ".join(consents) if consents else "none given"))
    if submission.extra:
        lines.append("Other fields: " + "; ".join(f"{key}: {value}" for key, value in submission.extra.items()))
    text = "\n".join(lines)
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"
