from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarersConfig(AppConfig):
    name = "carers"
    verbose_name = _("Carers and municipalities")
