from django.conf import settings

from carers.prefecture import prefecture


def site(request):
    user = getattr(request, "user", None)
    return {
        "PORTAL_PREFECTURE_CODE": settings.PORTAL_PREFECTURE_CODE,
        # The prefecture's wording (道/都/府/県, its government) in the active language.
        "prefecture": prefecture(),
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
    }
