from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    return {
        "PORTAL_PREFECTURE_CODE": settings.PORTAL_PREFECTURE_CODE,
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
    }
