"""Pages of the service catalogue: search, detail, report, guidance (public);
the staff's list, edit form, verification, reports and CSV import/export."""

from .common import (  # noqa: I001
    PAGE_SIZE,
    STAFF,
    _page,
)

from .public import (  # noqa: I001
    REPORTS_PER_WINDOW,
    _services_of,
    _visible_or_editable,
    guide,
    listing,
    service_detail,
    service_list,
    service_report,
)

from .manage import (  # noqa: I001
    _edit,
    manage_list,
    report_list,
    report_resolve,
    service_create,
    service_delete,
    service_edit,
    service_verify,
)

from .transfer import (  # noqa: I001
    SESSION_KEY,
    csv_export,
    csv_import,
    csv_template,
    opendata_job,
    opendata_job_report,
    opendata_upload,
)

__all__ = [
    "PAGE_SIZE",
    "REPORTS_PER_WINDOW",
    "SESSION_KEY",
    "STAFF",
    "_edit",
    "_page",
    "_services_of",
    "_visible_or_editable",
    "csv_export",
    "csv_import",
    "csv_template",
    "guide",
    "listing",
    "manage_list",
    "opendata_job",
    "opendata_job_report",
    "opendata_upload",
    "report_list",
    "report_resolve",
    "service_create",
    "service_delete",
    "service_detail",
    "service_edit",
    "service_list",
    "service_report",
    "service_verify",
]
