"""The fields an import of each kind fills (the targets of a column mapping), and what each holds.

They are the API's fields, flattened so that a spreadsheet column can fill each: ``first_name`` and ``last_name``
make a name, ``mobile`` a phone contact, ``city`` the location's city, ``customer_email`` names the customer a deal
is for. ``external_id`` is the record's id in the system the file comes from (see ``crm.domain.transfer.rows``).
"""

from __future__ import annotations

from crm.domain.transfer.kinds import TransferKind

CUSTOMER_REFERENCE = {
    "customer_id": "the customer's id here",
    "customer_external_id": "the customer's external id (from the same source)",
    "customer_email": "an email of the customer",
    "customer_name": "the customer's name (exactly one active customer must have it)",
}

TARGETS: dict[TransferKind, dict[str, str]] = {
    TransferKind.CUSTOMERS: {
        "id": "the customer's id here: the row updates it",
        "external_id": "the customer's id in the source system: the row updates the customer imported with it",
        "name": "name (or first_name and last_name)",
        "first_name": "first name", "last_name": "last name",
        "organization": "organization", "email": "primary email", "emails": "more emails (list)",
        "phone": "primary phone", "mobile": "a mobile phone", "whatsapp": "a WhatsApp number",
        "city": "city", "region": "region", "country": "country", "language": "language (el, en, ...)",
        "tags": "tags (list)", "status": "lead, prospect, customer or churned", "source": "how they came",
        "owner_id": "owner's uid", "note": "a note", "nextcloud_folder": "Nextcloud folder",
    },
    TransferKind.PEOPLE: {
        "external_id": "the person's id in the source system", "name": "name", "first_name": "first name",
        "last_name": "last name", "email": "email", "phone": "phone", **CUSTOMER_REFERENCE,
    },
    TransferKind.DEALS: {
        "id": "the deal's id here", "external_id": "the deal's id in the source system",
        "title": "title", "value": "value", "currency": "currency (ISO code)", "pipeline_id": "pipeline id",
        "stage": "stage id or name", "status": "open, won or lost", "probability": "0-100",
        "expected_close_date": "expected close date", "owner_id": "owner's uid", "notes": "notes",
        "lost_reason": "why it was lost", **CUSTOMER_REFERENCE,
    },
    TransferKind.ORDERS: {
        "id": "the order's id here", "external_id": "the order's id in the source system",
        "order_number": "order number (unique)", "total": "total", "currency": "currency",
        "status": "pending ... delivered or cancelled", "notes": "notes", "owner_id": "owner's uid",
        "shipping_line1": "address line", "shipping_line2": "address line 2", "shipping_city": "city",
        "shipping_postal_code": "postal code", "shipping_region": "region", "shipping_country": "country",
        **CUSTOMER_REFERENCE,
    },
    TransferKind.ACTIVITIES: {
        "id": "the activity's id here", "external_id": "the activity's id in the source system",
        "type": "call, meeting, task, email or note", "subject": "subject", "description": "description",
        "due_at": "due (date and time with its offset)", "status": "scheduled, in_progress, completed, cancelled",
        "priority": "low, normal, high", "owner_id": "owner's uid", "deal_id": "the deal's id here",
        "deal_external_id": "the deal's external id (from the same source)", **CUSTOMER_REFERENCE,
    },
}
LIST_TARGETS = frozenset({"tags", "emails"})
