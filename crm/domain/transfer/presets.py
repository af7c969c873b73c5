"""Built-in column mappings for the exports of other CRMs.

HubSpot: the CSV of a contacts or companies view export ("Record ID", "First Name", "Email", "Lifecycle Stage",
...). Pipedrive: the CSV of a people, organizations or deals list export, whose headers read "<Entity> - <Field>"
("Person - Email", "Deal - Currency of value"); linked records are named by their name ("Organization",
"Contact person"), so deals find their customer by the organization's name. Owners are people there, not our
users' uids, so owner columns are left unmapped (the importer's owner applies).
"""

from __future__ import annotations

from crm.domain.transfer.kinds import TransferKind
from crm.domain.transfer.mapping import ColumnMapping

HUBSPOT_LIFECYCLE = {
    "subscriber": "lead", "lead": "lead", "marketing qualified lead": "lead", "marketingqualifiedlead": "lead",
    "sales qualified lead": "prospect", "salesqualifiedlead": "prospect", "opportunity": "prospect",
    "customer": "customer", "evangelist": "customer", "other": "lead",
}
PIPEDRIVE_STATUS = {"open": "open", "won": "won", "lost": "lost", "deleted": "lost"}

PRESETS: dict[str, ColumnMapping] = {
    "hubspot-contacts": ColumnMapping(
        kind=TransferKind.CUSTOMERS, source="hubspot",
        columns={"Record ID": "external_id", "First Name": "first_name", "Last Name": "last_name",
                 "Email": "email", "Phone Number": "phone", "Mobile Phone Number": "mobile",
                 "Company Name": "organization", "City": "city", "State/Region": "region",
                 "Country/Region": "country", "Lifecycle Stage": "status"},
        values={"status": HUBSPOT_LIFECYCLE},
    ),
    "hubspot-companies": ColumnMapping(
        kind=TransferKind.CUSTOMERS, source="hubspot",
        columns={"Record ID": "external_id", "Company name": "name", "Phone Number": "phone", "City": "city",
                 "State/Region": "region", "Country/Region": "country", "Lifecycle Stage": "status"},
        values={"status": HUBSPOT_LIFECYCLE},
        defaults={"source": "other"},
    ),
    "pipedrive-persons": ColumnMapping(
        kind=TransferKind.CUSTOMERS, source="pipedrive",
        columns={"Person - ID": "external_id", "Person - Pipedrive System ID": "external_id",
                 "Person - Name": "name", "Person - First name": "first_name", "Person - Last name": "last_name",
                 "Person - Email": "email", "Person - Email - Work": "email", "Person - Email (Work)": "email",
                 "Person - Phone": "phone", "Person - Phone - Work": "phone", "Person - Phone (Work)": "phone",
                 "Person - Phone - Mobile": "mobile", "Person - Organization": "organization",
                 "Organization": "organization", "Organization name": "organization", "Person - Label": "tags"},
        list_separator=",",
    ),
    "pipedrive-organizations": ColumnMapping(
        kind=TransferKind.CUSTOMERS, source="pipedrive-org",
        columns={"Organization - ID": "external_id", "Organization - Pipedrive System ID": "external_id",
                 "Organization - Name": "name",
                 "Organization - Address - City/town/village/locality of Address": "city",
                 "Organization - Address - State/county of Address": "region",
                 "Organization - Address - Country of Address": "country", "Organization - Labels": "tags",
                 "Organization - Label": "tags"},
        list_separator=",",
    ),
    "pipedrive-deals": ColumnMapping(
        kind=TransferKind.DEALS, source="pipedrive",
        columns={"Deal - ID": "external_id", "Deal - Pipedrive System ID": "external_id", "Deal - Title": "title",
                 "Deal - Value": "value", "Deal - Currency of value": "currency", "Deal - Currency": "currency",
                 "Deal - Stage": "stage", "Deal - Status": "status", "Deal - Probability": "probability",
                 "Deal - Expected close date": "expected_close_date", "Deal - Lost reason": "lost_reason",
                 "Deal - Organization": "customer_name", "Organization": "customer_name"},
        values={"status": PIPEDRIVE_STATUS},
    ),
}


def preset(name: str) -> ColumnMapping:
    """The preset called ``name``.

    Raises:
        KeyError: no such preset.
    """
    return PRESETS[name]
