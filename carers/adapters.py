from allauth.account.adapter import DefaultAccountAdapter

from .models import Role


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
