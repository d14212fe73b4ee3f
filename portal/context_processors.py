from django.conf import settings

from carers.prefecture import prefecture


def site(request):
    from carers import residence
    from portal import furigana, menu

    user = getattr(request, "user", None)
    on = furigana.is_on(request)
    return {
        "PORTAL_PREFECTURE_CODE": settings.PORTAL_PREFECTURE_CODE,
        # The prefecture's wording (道/都/府/県, its government) in the active language.
        "prefecture": prefecture(),
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
        "other_language_url": other_language_url(request),
        "furigana": on,
        "furigana_toggle_url": furigana.toggle_url(request, not on),
        # The navigation (portal.menu), filtered by the user's scope.
        **menu.menus(user, residence.code(request)),
    }


def other_language_url(request) -> str:
    """The same page in the other language: unprefixed paths are Japanese,
    ``/en/...`` English (prefix_default_language=False)."""
    path = request.get_full_path()
    default = settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if code != default and (request.path == f"/{code}" or path.startswith(f"/{code}/")):
            return path[len(code) + 1 :] or "/"
    other = next(code for code, _name in settings.LANGUAGES if code != default)
    return f"/{other}{path}"
