from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language

from .models import Role
from .outbox import link_in_language


def in_request_language(request, url: str) -> str:
    """A site path in the language of the page the user acted on.

    Unprefixed paths are Japanese (``prefix_default_language=False``), so a
    plain ``/`` after signing in from ``/en/accounts/login/`` would switch the
    user to Japanese."""
    language = getattr(request, "LANGUAGE_CODE", None) or get_language()
    if not url or not url.startswith("/") or url.startswith("//") or not language:
        return url
    return link_in_language(url, language)


def email_site():
    """The site as emails name it: from settings, never from the request's host."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


# Roles whose sign-in lands on "my work" (the portal's page named my_work).
WORK_LANDING_ROLES = (Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR)


class AccountAdapter(DefaultAccountAdapter):
    """Public sign-up only ever creates a registered user or a salon organiser;
    staff accounts are made by an administrator or by invitation.

    Every redirect after signing in (including after the two-factor step), signing
    out, signing up, confirming an email or changing a password stays in the
    language of the page the user came from."""

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

    def send_mail(self, template_prefix, email, context):
        """allauth's emails go through the outbox like every other: rendered
        now (they hold one-time links), sent by the worker, retried by the
        sweep, never twice. Links point at SITE_URL, not the request's host."""
        from . import outbox

        request = allauth_context.request
        ctx = {"request": request, "email": email, **context, "current_site": email_site()}
        if request is not None:
            origin = request.build_absolute_uri("/")
            site = settings.SITE_URL + "/"
            ctx = {
                key: site + value[len(origin) :]
                if isinstance(value, str) and value.startswith(origin)
                else value
                for key, value in ctx.items()
            }
        msg = self.render_mail(template_prefix, email, ctx)
        outbox.enqueue_rendered(
            to=email,
            subject=msg.subject,
            body=msg.body,
            template=template_prefix,
            language=translation.get_language(),
        )

    def get_login_redirect_url(self, request):
        """Staff and advisors land on what waits for them (a ``next`` page,
        when given, still wins: allauth asks this only without one); everyone
        stays in the language of the page they signed in from."""
        from django.urls import reverse

        user = getattr(request, "user", None)
        if getattr(user, "role", None) in WORK_LANDING_ROLES:
            return in_request_language(request, reverse("my_work"))
        return in_request_language(request, super().get_login_redirect_url(request))

    def get_logout_redirect_url(self, request):
        return in_request_language(request, super().get_logout_redirect_url(request))

    def get_signup_redirect_url(self, request):
        return in_request_language(request, super().get_signup_redirect_url(request))

    def get_password_change_redirect_url(self, request):
        return in_request_language(request, super().get_password_change_redirect_url(request))

    def get_email_verification_redirect_url(self, email_address):
        url = super().get_email_verification_redirect_url(email_address)
        return in_request_language(self.request, url)
