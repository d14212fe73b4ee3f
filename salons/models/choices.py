"""Salon, session and registration states and the time limits that go with them."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A salon not confirmed by its organiser for this long leaves the public search.
STALE_AFTER = timedelta(days=183)


# Organisers are asked to confirm their details this often.
CONFIRM_EVERY = timedelta(days=91)


# Participants see the meeting URL from this long before the start until the end.
LINK_OPENS_BEFORE = timedelta(minutes=30)


# A cancelled session stays on the page and in the feeds (marked 中止, with the
# organiser's reason) this long after the cancellation, so those who planned to
# come are told and calendar clients receive the cancellation.
CANCELLED_VISIBLE_FOR = timedelta(days=30)


# Default of Session.meeting_url_for(registration=...): find the viewer's sign-up.
LOOK_UP = object()


class Audience(models.TextChoices):
    ALL_CARERS = "all", _("All carers")
    DEMENTIA_FAMILIES = "dementia", _("Families of people with dementia")
    YOUNG_CARERS = "young", _("Young carers")
    WORKING_CARERS = "working", _("Working carers")
    MEN_CARERS = "men", _("Men who care")
    WITH_CARED_FOR = "together", _("Carers together with the person cared for")
    BEREAVED = "bereaved", _("Bereaved carers")


class SalonStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    CHANGES_PENDING = "changes_pending", _("Published; changes waiting for approval")


PUBLIC_STATUSES = (SalonStatus.PUBLISHED, SalonStatus.CHANGES_PENDING)


class RecurrenceKind(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    MONTHLY_NTH_WEEKDAY = "monthly_nth", _("Every month, on one weekday (e.g. the 2nd Tuesday)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# Which week of the month, as people say it: "the 2nd Tuesday", 「第2火曜日」.
NTH_LABELS = {
    1: pgettext_lazy("week of the month", "1st"),
    2: pgettext_lazy("week of the month", "2nd"),
    3: pgettext_lazy("week of the month", "3rd"),
    4: pgettext_lazy("week of the month", "4th"),
    5: pgettext_lazy("week of the month", "5th"),
}


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationStatus(models.TextChoices):
    EMAIL_UNCONFIRMED = "unconfirmed", _("Email not yet confirmed")
    CONFIRMED = "confirmed", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Seat offered")
    # The participant's own cancellation (キャンセル), not a cancelled session (中止).
    CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")
    EXPIRED = "expired", _("Offer expired")


# Statuses that hold a seat: a pending offer keeps the seat until it expires.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITING)


class AgeBand(models.TextChoices):
    """Asked only for young-carer sessions, and optional."""

    UNDER_15 = "u15", _("Under 15")
    AGE_15_18 = "15-18", _("15–18")
    AGE_19_29 = "19-29", _("19–29")
    AGE_30_PLUS = "30+", _("30 or over")
