"""Load (or update) the built-in service content: the category taxonomy, the
national systems and the prefecture's carer programmes. Idempotent."""

from django.core.management.base import BaseCommand

from services import content


class Command(BaseCommand):
    help = "Load the built-in service catalogue content (idempotent)."

    def handle(self, *args, **options):
        count = content.load()
        self.stdout.write(f"service catalogue content: {count} entries loaded or updated")
