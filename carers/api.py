"""Small public functions other apps may call for household case records
(services.casework runs the guidance for a household through these)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from . import accesslog, actions
from .models import AccessAction, CaseStatus, Household, ServiceUse, SupportPlan

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
        Household.objects.editable_by(user).select_related("municipality"), public_id=public_id
    )
    if log:
        accesslog.record(user=user, household=household, action=action)
    return household


def household_is_changeable(household) -> bool:
    """False when consent was withdrawn or the case is closed."""
    return not household.is_restricted and household.status == CaseStatus.OPEN


# Household conditions (ConditionCategory) → the guidance questionnaire's "needs".
CONDITION_TO_NEED = {
    "dementia": "dementia",
    "physical": "disability",
    "intellectual": "disability",
    "mental": "mental",
    "illness": "illness",
    "frailty": "ageing",
    "addiction": "other",
    "child": "other",
    "other": "other",
}


# Words of a care recipient's free-text relationship → the questionnaire's
# "who needs care?" (services.guidance.RECIPIENTS). First match wins, so
# grandchildren are checked before the "son"/"child" words they contain.
RELATIONSHIP_WORDS = (
    ("other", ("孫", "grandchild", "grandson", "granddaughter")),
    (
        "parent",
        (
            "父",
            "母",
            "親",
            "father",
            "mother",
            "parent",
            "grandfather",
            "grandmother",
            "grandparent",
        ),
    ),
    ("partner", ("夫", "妻", "配偶", "パートナー", "husband", "wife", "spouse", "partner")),
    ("sibling", ("兄", "弟", "姉", "妹", "brother", "sister", "sibling")),
    ("child", ("息子", "娘", "子", "son", "daughter", "child")),
)


def recipient_kind(relationship: str) -> str | None:
    text = (relationship or "").strip().lower()
    if not text:
        return None
    for kind, words in RELATIONSHIP_WORDS:
        if any(word in text for word in words):
            return kind
    return "other"


def guidance_initial(household) -> dict:
    """Answers for the service guidance prefilled from the case record (the
    last plan's answers when there is one): staff check and adjust them."""
    plan = latest_support_plan(household)
    if plan is not None and plan.answers:
        return {**plan.answers, "municipality": household.municipality_id}
    recipients = list(household.care_recipients.all())
    carers = list(household.carers.all())
    needs = sorted({CONDITION_TO_NEED.get(c, "other") for r in recipients for c in r.conditions})
    situations = []
    if any(c.is_working for c in carers):
        situations.append("working")
    if any(c.is_under_18 for c in carers):
        situations.append("under_18")
    initial = {"municipality": household.municipality_id, "needs": needs, "situations": situations}
    if household.service_use in (ServiceUse.NONE, ServiceUse.SOME):
        initial["service_use"] = household.service_use
    if recipients:
        initial["care_level"] = recipients[0].care_level
        kind = recipient_kind(recipients[0].relationship)
        if kind:
            initial["recipient"] = kind
    return initial


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
    return Household.objects.editable_by(user).follow_up_due(today).count()


def romanise_reading(katakana: str) -> str:
    """Hepburn romaji of a katakana reading (long vowels contracted: Tokyo)."""
    from .romaji import katakana_to_romaji

    return katakana_to_romaji(katakana)
