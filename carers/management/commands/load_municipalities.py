"""Load every prefecture and municipality of Japan from the project's copy of
the MIC local government code list. Idempotent: existing rows are updated in
place. Rows whose code fails the JIS X 0402 check digit are reported, not loaded."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carers.municipalities import load_municipalities

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "fixtures" / "jp_local_governments.csv"


class Command(BaseCommand):
    help = "Load or update municipalities from a CSV (default: carers/fixtures/jp_local_governments.csv)."

    def add_arguments(self, parser):
        parser.add_argument("--csv", default=str(DEFAULT_CSV))

    def handle(self, *args, **options):
        path = Path(options["csv"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        with path.open(encoding="utf-8", newline="") as fh:
            result = load_municipalities(csv.DictReader(fh))
        for line, code, reason in result.errors:
            self.stderr.write(f"line {line}: code {code!r} refused: {reason}")
        self.stdout.write(
            f"municipalities: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.errors)} refused"
        )
