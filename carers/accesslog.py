"""Writing the household access log (carers.models.AccessLogEntry).

Every request that shows, changes or exports a household writes exactly one
entry: reads through ``carers.api.household_for_staff`` (or the views' own
lookup), changes inside the action that makes them, in the same transaction.
The entry names the household only by its opaque public_id.
"""

from .models import AccessAction, AccessLogEntry, Household


def record(*, user, household: Household, action: AccessAction, reason: str = "") -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        actor_id=user.pk,
        actor_label=user.email,
        household_public_id=household.public_id,
        municipality_code=household.municipality_id,
        action=action,
        via_audit_grant=household.municipality_id != getattr(user, "municipality_id", None),
        reason=reason,
    )


def entries_for(household: Household):
    return AccessLogEntry.objects.filter(household_public_id=household.public_id)
