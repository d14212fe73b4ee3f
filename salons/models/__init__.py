"""Carer salons and cafés (initiative 2): the registry, its sessions and sign-ups.

Visibility rules live here as QuerySet methods; state changes live in
``salons.actions``. The online meeting URL of a session is a secret: it is read
only through ``Session.meeting_url_for()``.
"""

from .choices import (  # noqa: I001
    ACTIVE_STATUSES,
    AgeBand,
    Audience,
    CANCELLED_VISIBLE_FOR,
    CONFIRM_EVERY,
    HOLDING_STATUSES,
    LINK_OPENS_BEFORE,
    LOOK_UP,
    NTH_LABELS,
    PUBLIC_STATUSES,
    RecurrenceKind,
    RegistrationStatus,
    STALE_AFTER,
    SalonStatus,
    SessionStatus,
    Weekday,
)

from .registry import (  # noqa: I001
    EARTH_RADIUS_KM,
    PUBLIC_FIELDS,
    Salon,
    SalonQuerySet,
    distance_km_expression,
    haversine_km,
    review_order,
    salon_photo_path,
)

from .sessions import (  # noqa: I001
    Session,
    SessionDetails,
    SessionQuerySet,
    SessionRule,
)

from .registrations import (  # noqa: I001
    Registration,
    RegistrationQuerySet,
)

from .moderation import (  # noqa: I001
    OutdatedReport,
    SalonEvent,
    salon_field_labels,
)

from .feeds import (  # noqa: I001
    PublicEvent,
    PublicEventQuerySet,
)

__all__ = [
    "ACTIVE_STATUSES",
    "AgeBand",
    "Audience",
    "CANCELLED_VISIBLE_FOR",
    "CONFIRM_EVERY",
    "EARTH_RADIUS_KM",
    "HOLDING_STATUSES",
    "LINK_OPENS_BEFORE",
    "LOOK_UP",
    "NTH_LABELS",
    "OutdatedReport",
    "PUBLIC_FIELDS",
    "PUBLIC_STATUSES",
    "PublicEvent",
    "PublicEventQuerySet",
    "RecurrenceKind",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
    "STALE_AFTER",
    "Salon",
    "SalonEvent",
    "SalonQuerySet",
    "SalonStatus",
    "Session",
    "SessionDetails",
    "SessionQuerySet",
    "SessionRule",
    "SessionStatus",
    "Weekday",
    "distance_km_expression",
    "haversine_km",
    "review_order",
    "salon_field_labels",
    "salon_photo_path",
]
