"""A user's salon data: the export for the user, the deletion check and anonymisation."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    HOLDING_STATUSES,
    Registration,
    RegistrationStatus,
    Salon,
)


def user_data(user) -> dict:
    """Everything this app holds about ``user``, for their JSON download."""
    from .models import OutdatedReport

    def when(value):
        return timezone.localtime(value).isoformat() if value else None

    registrations = Registration.objects.filter(user=user).select_related("session__salon")
    return {
        "salon_sign_ups": [
            {
                "salon": reg.session.salon.name,
                "session_starts_at": when(reg.session.starts_at),
                "nickname": reg.nickname,
                "age_band": reg.age_band,
                "status": reg.status,
                "signed_up_at": when(reg.created_at),
            }
            for reg in registrations.order_by("created_at")
        ],
        "salons_organised": [
            {"name": s.name, "status": s.status, "registered_at": when(s.created_at)}
            for s in Salon.objects.manageable_by(user).filter(organiser=user).order_by("pk")
        ],
        "outdated_information_reports": [
            {"salon": r.salon.name, "message": r.message, "sent_at": when(r.created_at)}
            for r in OutdatedReport.objects.filter(reporter=user).select_related("salon")
        ],
    }


def account_deletion_blocker(user) -> str | None:
    """Why ``user`` cannot delete their account yet, or None."""
    if Salon.objects.manageable_by(user).filter(organiser=user).exists():
        return _(
            "You organise salons on this portal. Please ask the prefecture to hand them over "
            "or close them before deleting your account."
        )
    return None


def anonymise_user(user) -> int:
    """Before an account is deleted: its sign-ups stay as anonymous records
    (attendance figures keep counting them) with no link to the person; a
    sign-up still active is cancelled, and the seat goes to the waiting list."""
    from . import actions

    regs = Registration.objects.filter(user=user)
    upcoming = regs.filter(
        status__in=(*HOLDING_STATUSES, RegistrationStatus.WAITING),
        session__starts_at__gt=timezone.now(),
    )
    for reg in upcoming:
        actions.registration_cancel(registration=reg)
    return regs.update(user=None, nickname="", guest_email="", age_band="", language="")
