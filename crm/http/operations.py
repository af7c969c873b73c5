"""Every operation of the API: importing this module imports each handler module, which registers its operations
on ``crm.http.routing.api``. Add a new handler module here."""

from crm.http import (  # noqa: F401  (registers the operations)
    accounts,
    activities,
    admin,
    assistants,
    catalog,
    customer_summary,
    customers,
    deal_reports,
    deals,
    docs,
    lead_qualification,
    leads,
    me,
    meta,
    orders,
    people,
    pipelines,
    quick_search,
    tags,
    timeline,
    transfer,
    users,
)
from crm.http.lead_intake import hook, sources  # noqa: F401
from crm.http.webhooks import deliveries, endpoints  # noqa: F401
