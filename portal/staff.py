"""Staff accounts by invitation: public sign-up never creates a staff role.

Prefecture staff invite municipal staff, prefecture staff and advisors; the
invitee gets an email with a link to set a password (allauth's password reset
key), then must set up two-factor authentication before opening staff pages.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carers import accounts, outbox
from carers.access import role_required
from carers.forms import MunicipalityChoiceField
from carers.models import Role, User

INVITABLE_ROLES = [
    (r.value, r.label) for r in (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR)
]


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    display_name = forms.CharField(label=gettext_lazy("Name shown to colleagues"), max_length=80)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=INVITABLE_ROLES)
    municipality = MunicipalityChoiceField(
        required=False, help_text=gettext_lazy("Required for municipal staff.")
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the invitation"),
        choices=[("ja", "日本語"), ("en", "English")],
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                gettext_lazy("An account with this email address already exists.")
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MUNICIPAL_STAFF and not data.get("municipality"):
            self.add_error(
                "municipality", gettext_lazy("Choose the municipality this staff member works for.")
            )
        if data.get("role") != Role.MUNICIPAL_STAFF:
            data["municipality"] = None
        return data


def staff_invite(*, invited_by, email, display_name, role, municipality, language) -> User:
    """Create a staff account without a usable password and email a link to set one."""
    with transaction.atomic():
        user = accounts.staff_account_create(
            email=email,
            display_name=display_name,
            role=role,
            municipality=municipality,
            language=language,
        )
        key = default_token_generator.make_token(user)
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
        with translation.override(language):  # the invitee's language, not the inviter's
            role_label = str(Role(role).label)
        outbox.enqueue(
            to=user,
            template="portal/email/staff_invite",
            context={
                "set_password_path": path,
                "role": role_label,
                "invited_by": str(invited_by),
            },
        )
    return user


@role_required(Role.PREFECTURE_STAFF)
def invite(request):
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        staff_invite(invited_by=request.user, **form.cleaned_data)
        messages.success(
            request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
        )
        return redirect("staff_invite")
    invited = (
        User.objects.filter(role__in=[r for r, _l in INVITABLE_ROLES])
        .select_related("municipality")
        .order_by("-date_joined")[:20]
    )
    return render(request, "portal/staff_invite.html", {"form": form, "invited": invited})
