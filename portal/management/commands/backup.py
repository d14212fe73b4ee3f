from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and uploaded media."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="var/backups", help="where to write the files")

    def handle(self, *args, **options):
        try:
            files = backup(options["dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for path in files:
            self.stdout.write(f"wrote {path} ({path.stat().st_size} bytes)")
