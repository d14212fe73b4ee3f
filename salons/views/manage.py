"""Organisers' and staff's salon management: the list, create, edit, review, confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from carers.access import role_required
from carers.caching import CachedCountPaginator
from carers.errors import ActionError, show_error
from carers.models import Role

from .. import actions
from ..forms import (
    ReturnForm,
    SalonForm,
)
from ..models import (
    Salon,
    SalonStatus,
    Session,
    review_order,
)
from ..photos import with_saved_photo
from ..workflow import REVIEWABLE_STATUSES
from .common import MANAGERS, STAFF


@require_POST
@login_required
def become_organiser(request):
    try:
        actions.organiser_enrol(by=request.user)
    except ActionError as error:
        show_error(request, error)
        return redirect("salons:list")
    messages.success(request, _("You can now register salons."))
    return redirect("salons:manage")


@role_required(*MANAGERS)
def manage(request):
    salons = (
        Salon.objects.manageable_by(request.user)
        .select_related("municipality")
        .annotate(pending_first=review_order())  # on salon_manage_idx
        .order_by("pending_first", "name", "pk")
    )
    # The total is counted once per change of the salons, not on every request.
    page = CachedCountPaginator(salons, 20).get_page(request.GET.get("page"))
    sessions = (
        Session.objects.manageable_by(request.user)
        .upcoming()
        .select_related("salon")
        .with_counts()
        .order_by("starts_at")[:10]
        if request.user.role == Role.ORGANISER
        else []
    )
    return render(
        request,
        "salons/manage.html",
        {"page": page, "sessions": sessions, "is_staff_view": request.user.role in STAFF},
    )


def _managed(request, pk):
    return get_object_or_404(
        Salon.objects.manageable_by(request.user).select_related("municipality", "organiser"), pk=pk
    )


@role_required(*MANAGERS)
def manage_detail(request, pk):
    salon = _managed(request, pk)
    sessions = (
        salon.sessions.filter(ends_at__gt=timezone.now())
        .with_counts()
        .select_related("facilitator")
        .order_by("starts_at", "pk")[:30]
    )
    return render(
        request,
        "salons/manage_detail.html",
        {
            "salon": salon,
            "sessions": sessions,
            "rules": salon.rules.select_related("stopped_by"),
            "pending": _pending_rows(salon),
            "reports": salon.reports.all()[:10],
            "events": salon.events.select_related("actor")[:20],
            "can_review": salon.can_review(request.user) and salon.status in REVIEWABLE_STATUSES,
            "is_organiser": salon.organiser_id == request.user.pk,
            "return_form": ReturnForm(),
        },
    )


def _show(field, value):
    """A stored value of a public field as staff should read it."""
    from carers.models import Municipality

    from ..models import Audience

    if field == "municipality":
        if hasattr(value, "name"):
            return value.name
        return Municipality.objects.filter(pk=value).values_list("name", flat=True).first() or "—"
    if field == "audiences":
        return pgettext("list separator", ", ").join(
            str(Audience(a).label) for a in value if a in Audience.values
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return getattr(value, "name", value) or "—"


def _pending_rows(salon):
    """(label, published value, proposed value) for each proposed change."""
    return [
        (Salon._meta.get_field(f).verbose_name, _show(f, getattr(salon, f)), _show(f, v))
        for f, v in salon.pending_changes.items()
    ]


@role_required(Role.ORGANISER)
def salon_create(request):
    form = SalonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            salon = actions.salon_create(by=request.user, data=form.cleaned_data)
        except ActionError as error:
            show_error(request, error, form)
        else:
            messages.success(
                request, _("Thank you. The salon will be public once staff approve it.")
            )
            return redirect("salons:manage_detail", salon.pk)
    return render(request, "salons/salon_form.html", {"form": form})


@role_required(Role.ORGANISER)
def salon_edit(request, pk):
    salon = get_object_or_404(
        Salon.objects.manageable_by(request.user).filter(organiser=request.user), pk=pk
    )
    form = SalonForm(
        request.POST or None,
        request.FILES or None,
        instance=Salon.objects.manageable_by(request.user).get(pk=pk),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("photo") is False:  # "clear" ticked
            data["photo"] = None
        try:
            salon = actions.salon_update(
                salon=salon, by=request.user, data=with_saved_photo(data, salon)
            )
        except ActionError as error:
            show_error(request, error, form)
        else:
            if salon.status == SalonStatus.CHANGES_PENDING:
                messages.success(
                    request,
                    _(
                        "Your changes are waiting for approval. The published version stays visible until then."
                    ),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("salons:manage_detail", salon.pk)
    return render(request, "salons/salon_form.html", {"form": form, "salon": salon})


@require_POST
@role_required(*STAFF)
def salon_review(request, pk):
    salon = get_object_or_404(Salon.objects.reviewable_by(request.user), pk=pk)
    try:
        if request.POST.get("decision") == "approve":
            actions.salon_approve(salon=salon, by=request.user)
            messages.success(request, _("Approved. The organiser has been told."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write a comment so the organiser knows what to change."))
                return redirect("salons:manage_detail", salon.pk)
            actions.salon_return(salon=salon, by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("Sent back to the organiser with your comment."))
    except ActionError as error:
        show_error(request, error)
    return redirect("salons:manage_detail", salon.pk)


@require_POST
@role_required(Role.ORGANISER)
def salon_confirm(request, pk):
    salon = get_object_or_404(
        Salon.objects.manageable_by(request.user).filter(organiser=request.user), pk=pk
    )
    actions.salon_confirm(salon=salon, by=request.user)
    messages.success(request, _("Thank you for confirming the details are current."))
    return redirect("salons:manage_detail", salon.pk)


def salon_confirm_link(request, pk, token):
    """From the quarterly email (no sign-in needed: the link is signed). The
    link opens a page with a button; only its POST confirms, so a mail scanner
    that follows links confirms nothing."""
    try:
        # A signed link (no sign-in): the token, checked by the action, decides.
        salon = actions.confirm_link_salon(
            salon=Salon.objects.unscoped().filter(pk=pk).first(), token=token
        )
        if request.method == "POST":
            salon = actions.salon_confirm(salon=salon, token=token)
            return render(request, "salons/confirm_done.html", {"salon": salon, "done": True})
    except ActionError:
        return render(request, "salons/confirm_done.html", {"error": True}, status=404)
    return render(request, "salons/confirm_done.html", {"salon": salon})
