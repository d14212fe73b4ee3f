"""Access rules shared by every app's views.

Staff pages require a staff role *and* TOTP MFA set up (allauth has no switch
for "MFA required for some users", so it is enforced here). A user without the
role gets a 404, never a 403 that confirms the page exists.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Role


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def check_roles(request, roles):
    """Return a response that refuses the request, or None to let it through."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.role not in roles:
        raise Http404
    if user.role in {Role.MUNICIPAL_STAFF, Role.PREFECTURE_STAFF, Role.ADVISOR}:
        if settings.PORTAL_REQUIRE_STAFF_MFA and not has_mfa(user):
            messages.warning(
                request,
                _(
                    "Staff pages need two-factor authentication. Please set up an authenticator app first."
                ),
            )
            return redirect("mfa_activate_totp")
    return None


def role_required(*roles):
    """Decorator for function views: only these roles (MFA enforced for staff)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refused = check_roles(request, roles)
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RoleRequiredMixin:
    """Mixin for class-based views: set ``allowed_roles``."""

    allowed_roles: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        refused = check_roles(request, self.allowed_roles)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)
