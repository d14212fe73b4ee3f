"""``reverse()`` remembered: the same URL name and arguments give the same URL.

Django works each URL out anew on every call (about 50 µs); a staff list of 20
rows with four links each spent 4 ms of its 19 ms on it, and every page's menu
another 1.5 ms. A URL depends only on the URL configuration, the script
prefix, the active language (``i18n_patterns``) and what is asked for, so it is
remembered under exactly that, for the most recent ``MAX_URLS`` of them. The
memory is emptied whenever Django empties its own URL caches (a test changing
``ROOT_URLCONF``).

Used by the ``{% url %}`` tag of every template (``carers.templatetags.urls``,
a template builtin in settings) and by models' ``get_absolute_url``.
"""

from functools import lru_cache

from django import urls
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language

MAX_URLS = 4096


@lru_cache(maxsize=MAX_URLS)
def _remembered(viewname, args, kwargs, current_app, language, prefix, urlconf):
    return urls.reverse(
        viewname,
        urlconf=urlconf,
        args=args,
        kwargs=dict(kwargs) if kwargs else None,
        current_app=current_app,
    )


def reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None):
    """``django.urls.reverse`` for URL names (a view passed as a callable, or
    arguments that cannot be keys, go to Django directly)."""
    if not isinstance(viewname, str):
        return urls.reverse(viewname, urlconf, args, kwargs, current_app)
    try:
        return _remembered(
            viewname,
            tuple(args) if args else (),
            tuple(sorted(kwargs.items())) if kwargs else (),
            current_app,
            get_language(),
            urls.get_script_prefix(),
            urlconf or urls.get_urlconf(),
        )
    except TypeError:  # an argument that is not hashable
        return urls.reverse(viewname, urlconf, args, kwargs, current_app)


def clear():
    _remembered.cache_clear()


@receiver(setting_changed)
def _urls_changed(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"):
        clear()
