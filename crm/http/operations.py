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
    timeline,
)
from crm.http.partners import (  # noqa: F401  (the partner programme's operations)
    activity as partner_activity,
)
from crm.http.partners import hooks as partner_hooks  # noqa: F401
from crm.http.partners import links as partner_links  # noqa: F401
from crm.http.partners import partners as partner_records  # noqa: F401
from crm.http.partners import reports as partner_reports  # noqa: F401
from crm.http.partners import settings as partner_settings  # noqa: F401
from crm.http.partners import sources as partner_sources  # noqa: F401
