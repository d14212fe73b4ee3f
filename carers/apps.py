from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarersConfig(AppConfig):
    name = "carers"
    verbose_name = _("Carers and municipalities")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import on_change

        # Cached public pages and counts follow every change of public data.
        for name, signal in (
            ("save", post_save),
            ("delete", post_delete),
            ("m2m", m2m_changed),
        ):
            signal.connect(on_change, dispatch_uid=f"carers-public-data-{name}")
