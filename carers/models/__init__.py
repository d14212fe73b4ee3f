"""The shared model: municipalities, accounts and roles, households and carers,
and the notification outbox every app uses.

``carers`` imports none of the other apps.
"""

from .municipalities import (  # noqa: I001
    Municipality,
    MunicipalityQuerySet,
    choice_labels,
    is_valid_local_government_code,
    jis_check_digit,
)

from .accounts import (  # noqa: I001
    Role,
    STAFF_ROLES,
    User,
    UserManager,
)

from .households import (  # noqa: I001
    AgeBand,
    AuditGrant,
    AuditGrantQuerySet,
    CareLevel,
    CareRecipient,
    Carer,
    CaseStatus,
    ConditionCategory,
    Household,
    HouseholdQuerySet,
    ServiceUse,
)

from .casework import (  # noqa: I001
    Consent,
    ConsentMethod,
    ConsentPurpose,
    ConsultationChannel,
    ConsultationLog,
    FollowUpReminder,
    SupportPlan,
)

from .audit import (  # noqa: I001
    AccessAction,
    AccessLogEntry,
    AppendOnlyQuerySet,
    DeletionReason,
    PurgeRecord,
)

from .outbound import (  # noqa: I001
    OutboundEmail,
    OutboundEmailQuerySet,
)

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AgeBand",
    "AppendOnlyQuerySet",
    "AuditGrant",
    "AuditGrantQuerySet",
    "CareLevel",
    "CareRecipient",
    "Carer",
    "CaseStatus",
    "ConditionCategory",
    "Consent",
    "ConsentMethod",
    "ConsentPurpose",
    "ConsultationChannel",
    "ConsultationLog",
    "DeletionReason",
    "FollowUpReminder",
    "Household",
    "HouseholdQuerySet",
    "Municipality",
    "MunicipalityQuerySet",
    "OutboundEmail",
    "OutboundEmailQuerySet",
    "PurgeRecord",
    "Role",
    "STAFF_ROLES",
    "ServiceUse",
    "SupportPlan",
    "User",
    "UserManager",
    "choice_labels",
    "is_valid_local_government_code",
    "jis_check_digit",
]
