"""Load, once per server, what a web worker would otherwise load while its
first visitors wait: every app's URLs and views, the translation catalogues,
the reverse URL maps of each language and the compiled templates.

``portal.wsgi`` calls ``warm()``; with gunicorn's ``preload_app``
(gunicorn.conf.py) that happens in the master process, so every worker,
also one started after another was recycled (``max_requests``), begins with
all of it loaded. Nothing here touches the database or the cache.
"""

import logging

log = logging.getLogger(__name__)


def warm() -> int:
    """Warm this process; return the number of templates compiled."""
    from django.conf import settings
    from django.db import connections
    from django.template import loader
    from django.urls import get_resolver, reverse
    from django.utils import translation

    from portal.management.commands.check_templates import template_files

    get_resolver().url_patterns  # noqa: B018 — imports every app's urls and views
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads the catalogues of that language
            reverse("home")  # builds that language's reverse URL map
    compiled = 0
    for root, path in template_files():
        try:
            loader.get_template(path.relative_to(root).as_posix())
            compiled += 1
        except Exception as exc:  # a broken template still fails where it is used
            log.warning("template not preloaded: %s (%s)", path.name, exc)
    # Nothing above should have connected, but a worker must never inherit a connection.
    connections.close_all()
    return compiled
