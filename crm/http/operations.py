"""Every operation of the API: importing this module imports each handler module, which registers its operations
on ``crm.http.routing.api``. Add a new handler module here."""

from crm.http import (  # noqa: F401  (registers the operations)
    activities,
    admin,
    customer_summary,
    customers,
    deal_reports,
    deals,
    docs,
    leads,
    me,
    meta,
    orders,
    pipelines,
    saved_views,
    timeline,
)
