"""The public-service catalogue: organisations, a category taxonomy, services,
locations and visitors' reports. Identifiers are UUIDs so the same ids serve
the pages, the CSV files and the Open Referral HSDS 3.0 API.

Long texts are bilingual (``_ja`` and ``_en`` fields); ``text(obj, "name")``
picks the active language and falls back to Japanese.
"""

from .bilingual import (  # noqa: I001
    BilingualMixin,
    _Texts,
    text,
)

from .choices import (  # noqa: I001
    ATTRIBUTIONS,
    Audience,
    ImportKind,
    ImportStatus,
    Origin,
    ReportStatus,
    Scope,
    ServiceStatus,
    VERIFY_AFTER_DAYS,
)

from .organisations import (  # noqa: I001
    Location,
    Organization,
    Taxonomy,
    TaxonomyTerm,
)

from .catalogue import (  # noqa: I001
    Service,
    ServiceAtLocation,
    ServiceQuerySet,
    _serving,
    scope_order,
)

from .reports import (  # noqa: I001
    ReportQuerySet,
    ServiceReport,
)

from .imports import (  # noqa: I001
    ImportJob,
)

from .search import (  # noqa: I001
    SearchEntry,
)

__all__ = [
    "ATTRIBUTIONS",
    "Audience",
    "BilingualMixin",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Location",
    "Organization",
    "Origin",
    "ReportQuerySet",
    "ReportStatus",
    "Scope",
    "SearchEntry",
    "Service",
    "ServiceAtLocation",
    "ServiceQuerySet",
    "ServiceReport",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
    "VERIFY_AFTER_DAYS",
    "_Texts",
    "_serving",
    "scope_order",
    "text",
]
