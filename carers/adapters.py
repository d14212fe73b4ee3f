from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation

from .models import Role


def email_site():
    """The site as emails name it: from settings, never from the request's host."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


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
