"""Writes of the service catalogue: keyword-only functions that check, run in a
transaction, record who and when, and queue notifications through the outbox."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from carers.models import Role, User
from carers.outbox import enqueue

from .models import (
    Organization,
    ReportStatus,
    Scope,
    Service,
    ServiceAtLocation,
    ServiceReport,
    ServiceStatus,
)

REPORT_EMAIL_QUIET = timedelta(hours=24)  # one email per entry per day about open reports


def service_owners(service) -> list:
    """Who looks after an entry: staff of its municipalities for a municipal
    entry, prefecture staff for national and prefectural ones."""
    active = User.objects.filter(is_active=True)
    if service.scope == Scope.MUNICIPAL:
        codes = list(service.municipalities.values_list("code", flat=True))
        owners = list(active.filter(role=Role.MUNICIPAL_STAFF, municipality_id__in=codes))
        if owners:
            return owners
    return list(active.filter(role=Role.PREFECTURE_STAFF))


def _service_context(service):
    return {
        "service_id": str(service.pk),
        "service_name": service.name_ja,
        "service_name_en": service.name_en,
    }


def organization_for(*, name: str, by, corporate_number: str = "") -> Organization:
    """The provider with this 法人番号, else the one called ``name``; created
    (for the staff member's municipality) with both when neither exists."""
    municipality = by.municipality if by.is_municipal_staff else None
    existing = None
    if corporate_number:
        existing = Organization.objects.filter(corporate_number=corporate_number).first()
    if existing is None:
        existing = Organization.objects.filter(name_ja=name).first()
    if existing is not None:
        return existing
    return Organization.objects.create(
        name_ja=name, municipality=municipality, corporate_number=corporate_number
    )


# Many-to-many fields of an entry: set after it is saved.
SERVICE_M2M = ("categories", "municipalities")


@transaction.atomic
def service_save(*, service, by, data: dict, locations=(), removed_locations=()) -> Service:
    """Save the entry ``service`` (its fields set; a new, unsaved one to
    create), recording who changed it. ``data`` gives what is not a column:
    ``categories`` and ``municipalities`` (set after saving) and
    ``new_provider`` (the name of a provider to use, created if needed).
    ``locations`` are Location rows to save and link to it; ``removed_locations``
    rows to unlink (deleted when no other entry uses them)."""
    new_provider = data.get("new_provider")
    if new_provider:
        service.organization = organization_for(
            name=new_provider,
            by=by,
            corporate_number=data.get("new_provider_number") or "",
        )
    service.updated_by = by
    service.save()
    for name in SERVICE_M2M:
        if name in data:
            getattr(service, name).set(data[name])
    if service.scope != Scope.MUNICIPAL:
        service.municipalities.clear()
    for location in locations:
        location.organization = location.organization or service.organization
        location.save()
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
    for location in removed_locations:
        ServiceAtLocation.objects.filter(service=service, location=location).delete()
        if not location.service_at_locations.exists():
            location.delete()
    return service


@transaction.atomic
def service_verify(*, service, by) -> Service:
    """Confirm the entry is still correct today."""
    service = Service.objects.select_for_update().get_manageable(by, pk=service.pk)
    service.last_verified = timezone.localdate()
    service.verification_reminded_on = None
    service.updated_by = by
    service.save(
        update_fields=["last_verified", "verification_reminded_on", "updated_by", "updated_at"]
    )
    return service


@transaction.atomic
def service_delete(*, service, by) -> bool:
    """Delete the entry; a built-in one (with a ``key``) is set to draft instead,
    since loading the built-in content again would bring a deleted one back.
    Returns True when the entry was deleted, False when it was hidden."""
    if service.key:
        service = Service.objects.select_for_update().get_manageable(by, pk=service.pk)
        service.status = ServiceStatus.DRAFT
        service.updated_by = by
        service.save(update_fields=["status", "updated_by", "updated_at"])
        return False
    service.delete()
    return True


@transaction.atomic
def report_submit(*, service, message: str) -> ServiceReport:
    """A visitor reports wrong or outdated information; the owners are told.
    The email names the service and links to the report list, not the message
    (a visitor might have typed personal details)."""
    service = Service.objects.public().select_for_update().get(pk=service.pk)
    recent = (
        ServiceReport.objects.unscoped()
        .open()
        .filter(service=service, created_at__gte=timezone.now() - REPORT_EMAIL_QUIET)
    )
    already_told = recent.exists()
    report = ServiceReport.objects.create(service=service, message=message.strip())
    if already_told:
        # The owners were emailed about this entry a moment ago and the report
        # list shows every report: a burst of reports must not flood their inbox.
        return report
    for owner in service_owners(service):
        enqueue(
            to=owner,
            template="services/email/report_received",
            context={**_service_context(service), "report_id": report.pk},
        )
    return report


@transaction.atomic
def report_resolve(*, report, by) -> ServiceReport:
    report = ServiceReport.objects.select_for_update().get_manageable(by, pk=report.pk)
    if report.status == ReportStatus.RESOLVED:
        return report
    report.status = ReportStatus.RESOLVED
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.save(update_fields=["status", "resolved_at", "resolved_by"])
    return report


def unverified_reminders_send(today=None) -> int:
    """Remind owners of published entries not verified for 12 months: one
    email per owner listing the count, once per entry per 30 days. Safe to run twice."""
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        due = (
            Service.objects.unscoped()
            .select_for_update(skip_locked=True)
            .filter(status=ServiceStatus.PUBLISHED)
            .unverified(today)
            .exclude(verification_reminded_on__gt=today - timedelta(days=30))
        )
        per_owner = {}
        services = list(due)
        for service in services:
            for owner in service_owners(service):
                per_owner.setdefault(owner.pk, (owner, []))[1].append(service)
        for owner, items in per_owner.values():
            enqueue(
                to=owner,
                template="services/email/verification_due",
                context={
                    "count": len(items),
                    # Named in the recipient's language where an English name exists.
                    "names": [
                        (s.name_en if owner.language == "en" else "") or s.name_ja
                        for s in items[:10]
                    ],
                },
            )
            sent += 1
        Service.objects.filter(pk__in=[s.pk for s in services]).update(
            verification_reminded_on=today
        )
    return sent
