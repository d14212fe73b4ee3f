"""Small public functions other apps may call for household case records
(services.casework runs the guidance for a household through these). The
household models themselves are private to this app."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from . import accesslog, actions
from .models import AccessAction as AccessAction  # what other apps pass as ``action``
from .models import CaseStatus, Household, SupportPlan
from .models import ServiceUse as ServiceUse  # a household's answer other apps read

# Texts of the household guidance page (services.casework), kept in this app's
# catalogue with the page body (carers/_household_guidance.html).
GUIDANCE_TITLE = _("Service guidance for a household")
PLAN_SAVED = _("The support plan was saved with today's date.")
CASE_LOCKED = _("This case is closed or restricted: the guidance cannot be saved for it.")


def household_for_staff(user, public_id, *, action=AccessAction.VIEW, log=True) -> Household:
    """The household ``public_id`` if ``user`` may change it (staff of its
    municipality); Http404 otherwise. Writes one access-log entry unless
    ``log=False`` (when the action that follows writes it)."""
    household = get_object_or_404(
        Household.objects.manageable_by(user).select_related("municipality"), public_id=public_id
    )
    if log:
        accesslog.record(user=user, household=household, action=action)
    return household


# Pages other apps offer for a household (the service guidance): registered by
# those apps in AppConfig.ready(), shown on the household page. The kernel
# names no other app's URL.
_HOUSEHOLD_TOOLS: list[tuple[str, str]] = []


def household_tool_register(url_name: str, label) -> None:
    """Offer the page ``url_name`` (taking the household's ``public_id``) on
    every changeable household's page, as a button labelled ``label``."""
    if (url_name, label) not in _HOUSEHOLD_TOOLS:
        _HOUSEHOLD_TOOLS.append((url_name, label))


def household_tools(household) -> list[dict]:
    from django.urls import reverse

    return [
        {"url": reverse(url_name, args=[household.public_id]), "label": label}
        for url_name, label in _HOUSEHOLD_TOOLS
    ]


def household_is_changeable(household) -> bool:
    """False when consent was withdrawn or the case is closed."""
    return not household.is_restricted and household.status == CaseStatus.OPEN


def latest_support_plan(household) -> SupportPlan | None:
    return household.support_plans.order_by("-created_at", "-pk").first()


def support_plan_save(*, household, by, answers: dict, result_dict: dict) -> SupportPlan:
    """Save a dated support plan (writes the access-log entry). Raises
    carers.errors.ActionError when the record may not change."""
    return actions.support_plan_save(
        household=household, by=by, answers=answers, result=result_dict
    )


def _item_key(item):
    if isinstance(item, dict):
        for key in ("id", "slug", "key", "code", "name", "title"):
            if key in item:
                return str(item[key])
    return str(item)


def _item_label(item):
    if isinstance(item, dict):
        for key in ("title", "name", "label", "slug", "id"):
            if key in item:
                return str(item[key])
    return str(item)


def _flatten(groups):
    """Items of a result's ``groups`` (a list of groups holding ``services`` or
    ``items``, or a plain list), keyed for comparison."""
    out = {}
    for group in groups or []:
        children = None
        if isinstance(group, dict):
            children = group.get("services") or group.get("items")
        for item in children if isinstance(children, list) else [group]:
            out[_item_key(item)] = _item_label(item)
    return out


def support_plan_diff(previous: dict | None, current: dict) -> dict:
    """What changed between two guidance results (``to_dict()`` output):
    the track, and the services or groups added and no longer suggested."""
    if not previous:
        return {"first": True, "track_changed": False, "added": [], "removed": []}
    before, after = _flatten(previous.get("groups")), _flatten(current.get("groups"))
    return {
        "first": False,
        "track_changed": previous.get("track") != current.get("track"),
        "track_before": previous.get("track"),
        "track_after": current.get("track"),
        "added": [after[k] for k in after if k not in before],
        "removed": [before[k] for k in before if k not in after],
    }


# --- A registered user's own account (portal's "My data" page) -------------------------


def account_data(user) -> dict:
    """The account itself and the emails the portal sent to it (JSON download)."""
    from allauth.account.models import EmailAddress
    from django.db.models import Q
    from django.utils import timezone

    from .models import OutboundEmail

    def when(value):
        return timezone.localtime(value).isoformat() if value else None

    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "email_language": user.language,
            "joined_at": when(user.date_joined),
            "last_sign_in_at": when(user.last_login),
            "two_factor_authentication": has_mfa(user),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "emails_sent_to_you": [
            {"kind": m.template, "status": m.status, "created_at": when(m.created_at)}
            for m in OutboundEmail.objects.filter(
                Q(recipient=user) | Q(to_email__iexact=user.email)
            ).order_by("created_at")
        ],
    }


def account_delete(user) -> None:
    """Delete the account, its email addresses, two-factor devices and the
    record of emails sent to it. Other apps anonymise what refers to it first."""
    from django.db.models import Q

    from .models import OutboundEmail

    OutboundEmail.objects.filter(Q(recipient=user) | Q(to_email__iexact=user.email)).delete()
    user.delete()


def has_mfa(user) -> bool:
    from .access import has_mfa as _has_mfa

    return _has_mfa(user)


def staff_by_municipality(codes) -> dict[str, int]:
    """Active municipal staff accounts per municipality code (one query)."""
    from django.db.models import Count

    from .models import Role, User

    codes = list(codes)
    counts = dict(
        User.objects.filter(is_active=True, role=Role.MUNICIPAL_STAFF, municipality_id__in=codes)
        .values_list("municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {code: counts.get(code, 0) for code in codes}


def follow_ups_due_count(user, today=None) -> int:
    """How many open cases of the user's municipality are due a follow-up
    (a count only: listing households is the case list's job, which logs reads)."""
    return Household.objects.manageable_by(user).follow_up_due(today).count()


def romanise_reading(katakana: str) -> str:
    """Hepburn romaji of a katakana reading (long vowels contracted: Tokyo)."""
    from .romaji import katakana_to_romaji

    return katakana_to_romaji(katakana)
