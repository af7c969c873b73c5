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
    graphql,
    lead_qualification,
    leads,
    me,
    meta,
    orders,
    people,
    pipelines,
    quick_search,
    saved_views,
    tags,
    timeline,
    transfer,
    users,
)
from crm.http.lead_intake import hook, sources  # noqa: F401
from crm.http.partners import (  # noqa: F401  (the partner programme's operations)
    activity as partner_activity,
)
from crm.http.partners import hooks as partner_hooks  # noqa: F401
from crm.http.partners import links as partner_links  # noqa: F401
from crm.http.partners import partners as partner_records  # noqa: F401
from crm.http.partners import reports as partner_reports  # noqa: F401
from crm.http.partners import settings as partner_settings  # noqa: F401
from crm.http.partners import sources as partner_sources  # noqa: F401
from crm.http.webhooks import deliveries, endpoints  # noqa: F401
