"""A registered user's own data: see what is held, download it as JSON, delete
the account (APPI disclosure and deletion, self-service). Sign-ups are kept as
anonymous records; nothing else is lost."""

import json
import logging

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import carers.api
import salons.api
from carers.models import Role

logger = logging.getLogger(__name__)

SELF_SERVICE_ROLES = (Role.REGISTERED, Role.ORGANISER)


def collect(user) -> dict:
    return {
        "exported_at": timezone.localtime().isoformat(),
        **carers.api.account_data(user),
        **salons.api.user_data(user),
    }


def deletion_blocker(user) -> str | None:
    if user.role not in SELF_SERVICE_ROLES or user.is_staff or user.is_superuser:
        return _(
            "Staff and advisor accounts are closed by the prefecture's administrators. "
            "Please ask them."
        )
    return salons.api.account_deletion_blocker(user)


@never_cache
@login_required
def overview(request):
    return render(
        request,
        "portal/my_data.html",
        {"data": collect(request.user), "blocker": deletion_blocker(request.user)},
    )


@never_cache
@require_GET
@login_required
def download(request):
    body = json.dumps(collect(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kizuki-my-data.json"'
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"), widget=forms.PasswordInput, strip=False
    )
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that my account is deleted and cannot be restored."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


@never_cache
@login_required
def delete(request):
    user = request.user
    blocker = deletion_blocker(user)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and blocker is None and form.is_valid():
        with transaction.atomic():
            anonymised = salons.api.anonymise_user(user)
            user_pk = user.pk
            carers.api.account_delete(user)
        logout(request)
        logger.info("account %s deleted by its owner (%s sign-ups anonymised)", user_pk, anonymised)
        messages.success(
            request, _("Your account has been deleted. Thank you for using the portal.")
        )
        return redirect("home")
    status = 400 if form.is_bound and (blocker or not form.is_valid()) else 200
    return render(
        request, "portal/my_data_delete.html", {"form": form, "blocker": blocker}, status=status
    )
