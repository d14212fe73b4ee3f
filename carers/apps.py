from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarersConfig(AppConfig):
    name = "carers"
    verbose_name = _("Carers and municipalities")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .caching import on_change

        _empty_choices_say_choose()

        # Cached public pages and counts follow every change of public data.
        for name, signal in (
            ("save", post_save),
            ("delete", post_delete),
            ("m2m", m2m_changed),
        ):
            signal.connect(on_change, dispatch_uid=f"carers-public-data-{name}")


def _empty_choices_say_choose():
    """Every empty choice of a select reads 「選択してください」 / "Choose…"
    instead of Django's "---------" (docs/glossary.md). A form that has a
    better word for it ("All", "The whole prefecture") still sets its own
    ``empty_label``. Django keeps both defaults in one place each: the list
    ``BLANK_CHOICE_DASH`` (model fields with choices, admin actions), shared by
    reference, and ``ModelChoiceField``'s keyword default."""
    from django.db.models import fields
    from django.forms import models as form_models

    choose = _("Choose…")
    fields.BLANK_CHOICE_DASH[:] = [("", choose)]
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = choose
