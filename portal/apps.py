from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def load_content(self):
        """Articles and guide pages from portal/content/ (see portal.builtin)."""
        from . import builtin

        return builtin.load()
