from allauth.account.adapter import DefaultAccountAdapter

from .models import Role

# Roles whose sign-in lands on "my work" (the portal's page named my_work).
WORK_LANDING_ROLES = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR)


class AccountAdapter(DefaultAccountAdapter):
    """Public sign-up only ever creates a registered user or a salon organiser;
    staff accounts are made by an administrator or by invitation."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        wants_organiser = bool(getattr(form, "cleaned_data", {}).get("is_organiser"))
        user.role = Role.ORGANISER if wants_organiser else Role.REGISTERED
        user.is_staff = False
        user.is_superuser = False
        user.language = (getattr(request, "LANGUAGE_CODE", None) or "ja")[:2]
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """Staff and advisors land on what waits for them (a ``next`` page,
        when given, still wins: allauth asks this only without one)."""
        from django.urls import reverse

        user = getattr(request, "user", None)
        if getattr(user, "role", None) in WORK_LANDING_ROLES:
            return reverse("my_work")
        return super().get_login_redirect_url(request)
