"""``evaluate``: applies the rules to the answers."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .answers import (
    CERTIFIED_LEVELS,
    NEEDS,
    SITUATIONS,
    USED_SERVICE_ENTRIES,
    USED_SERVICES,
    WISHES,
)
from .fits import _fits, _services_by_category
from .result import GuidanceResult, Item, ResultGroup, Wishes
from .rules import CARE_PLAN_REVIEW, GROUP_BY_KEY, GROUPS, NOTES, RULES, A, B, Rule


def _labels(choices, values):
    labels = dict(choices)
    return [labels[v] for v in values if v in labels]


def track_for(answers: dict) -> str:
    return A if answers.get("service_use") == "none" else B


def _reason_parts(rule: Rule, answers: dict, track: str) -> list:
    """What the person said that made ``rule`` apply, or None when it does not."""
    parts = []
    if rule.track is not None:
        if rule.track != track:
            return None
        parts.append(
            _("your household uses no services yet")
            if track == A
            else _("your household already uses some services")
        )
    situations = set(answers.get("situations") or [])
    if rule.not_situations & situations or not rule.all_situations <= situations:
        return None
    level = answers.get("care_level") or "unknown"
    if rule.care_level_unknown is not None:
        certified = level in CERTIFIED_LEVELS
        if rule.care_level_unknown == certified:
            return None
        parts.append(
            _("the care level has not been certified yet")
            if not certified
            else _("the care level is already certified")
        )
    for attr, answer_key, choices in (
        ("needs", "needs", NEEDS),
        ("situations", "situations", SITUATIONS),
        ("wishes", "wishes", WISHES),
    ):
        wanted = getattr(rule, attr)
        if not wanted:
            continue
        matched = [v for v in answers.get(answer_key) or [] if v in wanted]
        if not matched:
            return None
        parts.extend(format_lazy(_("“{}”"), label) for label in _labels(choices, matched))
    return parts


def _because(parts) -> str:
    joined = _join(parts)
    return format_lazy(_("Because you said: {}"), format_lazy("{}" * len(joined), *joined))


def _join(parts):
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append(_("; "))
        out.append(part)
    return out


def evaluate(answers: dict, municipality_code: str | None = None) -> "GuidanceResult":
    """Apply RULES to ``answers`` (GuidanceForm.cleaned_data)."""
    municipality_code = municipality_code or answers.get("municipality") or None
    track = track_for(answers)
    matches = []
    for rule in RULES:
        parts = _reason_parts(rule, answers, track)
        if parts is not None:
            matches.append((rule, parts))
    categories = sorted({c for rule, _parts in matches for c in rule.categories})
    by_code = _services_by_category(categories, municipality_code) if categories else {}

    groups = {g.key: ResultGroup(g.key, g.title, g.intro) for g in GROUPS}
    seen = {}
    in_use = _in_use_items(answers, track, municipality_code)
    for item in in_use:
        seen[item.key] = item
        groups["in_use"].items.append(item)
    # Catalogue entries of the services in use are reviewed, not suggested again.
    used_keys = {key for item in in_use for key in item.entry_keys}
    for rule, parts in matches:
        reason = _because(parts) if parts else _("Recommended for everyone as a first step")
        candidates = []
        if rule.advice:
            candidates.append(
                Item(
                    key=f"advice:{rule.advice.key}",
                    name=rule.advice.name,
                    summary=rule.advice.text,
                    advice=rule.advice,
                )
            )
        for code in rule.categories:
            fitting = [
                s for s in by_code.get(code, []) if _fits(s, answers) and s.key not in used_keys
            ]
            new = [s for s in fitting if str(s.pk) not in seen][: rule.limit]
            for service in fitting:
                if str(service.pk) in seen or service in new:
                    candidates.append(
                        Item(
                            key=str(service.pk),
                            name=service.name,
                            summary=service.tr("summary"),
                            url=service.get_absolute_url(),
                            service=service,
                        )
                    )
        for item in candidates:
            if item.key in seen:  # already suggested: add the reason there
                if reason not in seen[item.key].reasons:
                    seen[item.key].reasons.append(reason)
                continue
            item.reasons.append(reason)
            seen[item.key] = item
            groups[rule.group].items.append(item)

    situations = set(answers.get("situations") or [])
    ordered = sorted(
        (g for g in groups.values() if g.items),
        key=lambda g: GROUP_BY_KEY[g.key].leads_when not in situations,
    )
    notes = [
        n
        for n in NOTES
        if (n.track in (None, track)) and (n.situation is None or n.situation in situations)
    ]
    return GuidanceResult(
        track=track,
        groups=ordered,
        notes=notes,
        municipality_code=municipality_code,
        wishes=Wishes(
            cared_for=(answers.get("recipient_wishes") or "").strip(),
            carer=_labels(WISHES, answers.get("wishes") or []),
            carer_own_words=(answers.get("carer_wishes") or "").strip(),
        ),
    )


def _in_use_items(answers, track, municipality_code) -> list:
    """Track B: one item per service the household uses now, suggesting a
    review with the care manager (linked to its catalogue entry when there is one)."""
    if track != B:
        return []
    from ..models import Service

    used = [v for v in answers.get("services_used") or [] if v in dict(USED_SERVICES)]
    keys = [k for v in used for k in USED_SERVICE_ENTRIES.get(v, ())]
    entries = {
        s.key: s
        for s in Service.objects.visible().applying_to(municipality_code).filter(key__in=keys)
    }
    reason = format_lazy(_("Because you said: {}"), _("the household uses it now"))
    items = []
    for value, label in USED_SERVICES:
        if value not in used:
            continue
        entry_keys = USED_SERVICE_ENTRIES.get(value, ())
        entry = next((entries[k] for k in entry_keys if k in entries), None)
        items.append(
            Item(
                key=f"advice:in_use:{value}",
                name=format_lazy(_("{} (in use now)"), label),
                summary=CARE_PLAN_REVIEW.text,
                url=entry.get_absolute_url() if entry else "",
                service=entry,
                advice=CARE_PLAN_REVIEW,
                reasons=[reason],
                entry_keys=entry_keys,
            )
        )
    return items
