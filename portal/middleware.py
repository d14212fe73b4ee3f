import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class ContentSecurityPolicyMiddleware:
    """A strict CSP: everything from our own origin, no inline scripts or styles.
    JSON-LD (type application/ld+json) is data, not script, and is unaffected."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'; object-src 'none'"
    )

    # The Django admin sets a few inline styles; its scripts are files.
    ADMIN_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.ADMIN_POLICY if request.path.startswith("/admin/") else self.POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class RealClientAddressMiddleware:
    """Behind a reverse proxy, put the real client address in REMOTE_ADDR (the
    one place rate limits, allauth and logs read it). The proxy's own address is
    kept in ``request.META["KIZUKI_PROXY_ADDR"]``. See settings.TRUSTED_PROXY_*."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from portal.clientip import client_ip

        remote = request.META.get("REMOTE_ADDR", "")
        real = client_ip(request)
        if real != remote:
            request.META["KIZUKI_PROXY_ADDR"] = remote
            request.META["REMOTE_ADDR"] = real
        return self.get_response(request)


STAFF_SEEN_KEY = "_kizuki_staff_seen"


class StaffSecurityMiddleware:
    """Accounts that can see other people's data are held to more:

    - the Django admin needs two-factor authentication set up (superusers
      included) when PORTAL_REQUIRE_STAFF_MFA is on;
    - their sessions end after STAFF_SESSION_IDLE_SECONDS without a request
      (a working day), whatever "remember me" said.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_privileged(user):
            self._slide_expiry(request)
            if (
                request.path.startswith("/admin/")
                and settings.PORTAL_REQUIRE_STAFF_MFA
                and not _has_mfa(user)
            ):
                messages.warning(
                    request,
                    _(
                        "The administration pages need two-factor authentication. Please set up an authenticator app first."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _slide_expiry(request):
        idle = settings.STAFF_SESSION_IDLE_SECONDS
        now = int(time.time())
        seen = request.session.get(STAFF_SEEN_KEY, 0)
        # Saving on every request would write the session row each time; a
        # refresh every few minutes keeps the idle limit accurate enough.
        if request.session.get_expiry_age() > idle or now - seen > min(300, idle // 4):
            request.session.set_expiry(idle)
            request.session[STAFF_SEEN_KEY] = now


def is_privileged(user) -> bool:
    from carers.models import STAFF_ROLES

    return user.is_staff or user.is_superuser or user.role in STAFF_ROLES


def _has_mfa(user) -> bool:
    from carers.access import has_mfa

    return has_mfa(user)
