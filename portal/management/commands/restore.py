from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by `backup` "
        "(one transaction; uploaded media restored from the archive beside it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", help="a kizuki-<time>.dump file")
        parser.add_argument(
            "--database-url", help="restore into this database instead (e.g. a scratch copy)"
        )
        parser.add_argument(
            "--yes", action="store_true", help="confirm: the current contents are replaced"
        )

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("restore replaces every table's contents: add --yes to confirm")
        try:
            restore(options["dump"], database_url=options["database_url"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {options['dump']}")
