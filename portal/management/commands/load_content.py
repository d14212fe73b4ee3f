"""Load the built-in content of every app from its files (idempotent).

Each app that has built-in content defines ``load_content()`` on its
AppConfig, returning a Counter of outcomes ("created", "updated",
"unchanged", "kept"). Rows staff have changed are kept as they are.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from carers.contentfiles import ContentError


class Command(BaseCommand):
    help = "Load the built-in content (articles, guide pages, service catalogue) from files."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                for config in apps.get_app_configs():
                    loader = getattr(config, "load_content", None)
                    if loader is None:
                        continue
                    outcomes = loader()
                    summary = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items()))
                    self.stdout.write(f"{config.label}: {summary or 'nothing to load'}")
        except ContentError as error:
            raise CommandError(f"content file not loaded: {error}") from error
