"""python -m tests.benchref seed: create the reference table and its rows."""

import os
import sys
from datetime import timedelta

ROWS = 10_000


def seed():
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchref.settings"
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from .models import Row

    call_command("migrate", run_syncdb=True, verbosity=0)
    if Row.objects.count() < ROWS:
        Row.objects.all().delete()
        now = timezone.now()
        Row.objects.bulk_create(
            (
                Row(
                    name=f"Row {i}",
                    note=f"A reference row, number {i}.",
                    created_at=now - timedelta(minutes=i),
                )
                for i in range(ROWS)
            ),
            batch_size=2000,
        )


if __name__ == "__main__":
    if sys.argv[1:] != ["seed"]:
        sys.exit("usage: python -m tests.benchref seed")
    seed()
