"""Reading a household case record as plain data: the export for a disclosure
request and the readable snapshot used to show an edit conflict."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .accesslog import entries_for
from .models import ConditionCategory, Household, choice_labels


def _date(value):
    return value.isoformat() if value else None


def _condition_labels(values):
    return ", ".join(str(label) for label in choice_labels(ConditionCategory, values))


def export_data(household: Household) -> dict:
    """Everything the record holds about the household, for the people recorded."""
    return {
        "format": "kizuki-household-export/1",
        "exported_at": timezone.now().isoformat(),
        "household": {
            "id": str(household.public_id),
            "municipality": {
                "code": household.municipality_id,
                "name": household.municipality.full_name,
            },
            "reference": household.reference,
            "status": household.status,
            "closed_at": _date(household.closed_at),
            "restricted": household.is_restricted,
            "service_use": household.service_use,
            "services_used": household.services_used,
            "needs_and_wishes": household.needs_and_wishes,
            "notes": household.notes,
            "next_follow_up": _date(household.next_follow_up),
            "created_at": _date(household.created_at),
            "updated_at": _date(household.updated_at),
        },
        "carers": [
            {
                "name": c.name,
                "relationship": c.relationship,
                "age_band": c.age_band,
                "under_18": c.is_under_18,
                "working": c.is_working,
            }
            for c in household.carers.all()
        ],
        "people_cared_for": [
            {
                "name": r.name,
                "relationship": r.relationship,
                "age_band": r.age_band,
                "care_level": r.care_level,
                "conditions": list(r.conditions),
            }
            for r in household.care_recipients.all()
        ],
        "consents": [
            {
                "given_by": c.given_by,
                "given_on": _date(c.given_on),
                "method": c.method,
                "purposes": list(c.purposes),
                "taken_by": c.taken_by.email if c.taken_by else None,
                "withdrawn_on": _date(c.withdrawn_on),
                "withdrawn_method": c.withdrawn_method or None,
            }
            for c in household.consents.select_related("taken_by")
        ],
        "consultations": [
            {
                "date": _date(c.held_on),
                "channel": c.channel,
                "summary": c.summary,
                "next_step": c.next_step,
                "recorded_by": c.recorded_by.email if c.recorded_by else None,
            }
            for c in household.consultations.select_related("recorded_by")
        ],
        "support_plans": [
            {"created_at": _date(p.created_at), "answers": p.answers, "result": p.result}
            for p in household.support_plans.all()
        ],
        "access_log": [
            {"at": _date(e.at), "who": e.actor_label, "action": e.action}
            for e in entries_for(household).order_by("at", "pk")
        ],
    }


def _member_rows(prefix, rows, fields):
    out = {}
    for n, row in enumerate(rows, start=1):
        for key, label in fields:
            out[f"{prefix} {n}: {label}"] = row.get(key, "")
    return out


def _carer_fields():
    return [
        ("name", pgettext("person", "name")),
        ("relationship", _("relationship")),
        ("age_band", _("age band")),
        ("is_under_18", _("under 18")),
        ("is_working", _("working")),
    ]


def _recipient_fields():
    return [
        ("name", pgettext("person", "name")),
        ("relationship", _("relationship")),
        ("age_band", _("age band")),
        ("care_level", _("care level")),
        ("conditions", _("conditions")),
    ]


HOUSEHOLD_FIELDS = Household.EDITABLE_FIELDS


def _readable(value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return _condition_labels(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def snapshot(fields: dict, carers: list[dict], recipients: list[dict]) -> dict:
    """A flat, readable {label: value} view of a record, to compare two versions."""
    labels = {name: str(Household._meta.get_field(name).verbose_name) for name in HOUSEHOLD_FIELDS}
    out = {labels[k]: _readable(fields.get(k)) for k in HOUSEHOLD_FIELDS}
    out.update(
        {k: _readable(v) for k, v in _member_rows(_("Carer"), carers, _carer_fields()).items()}
    )
    out.update(
        {
            k: _readable(v)
            for k, v in _member_rows(_("Person cared for"), recipients, _recipient_fields()).items()
        }
    )
    return out


def household_snapshot(household: Household) -> dict:
    fields = {k: getattr(household, k) for k in HOUSEHOLD_FIELDS}
    carers = [{k: getattr(c, k) for k, _label in _carer_fields()} for c in household.carers.all()]
    recipients = [
        {k: getattr(r, k) for k, _label in _recipient_fields()}
        for r in household.care_recipients.all()
    ]
    return snapshot(fields, carers, recipients)


def diff(saved: dict, mine: dict) -> list[tuple[str, str, str]]:
    """Rows (label, saved now, your input) where the two snapshots differ."""
    rows = []
    for key in list(saved) + [k for k in mine if k not in saved]:
        if saved.get(key, "") != mine.get(key, ""):
            rows.append((key, saved.get(key, ""), mine.get(key, "")))
    return rows
