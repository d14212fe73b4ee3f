"""Import support desks (相談窓口) from 公共施設一覧-format CSV files.

    manage.py import_consultation_windows windows.csv

Rows that are not support desks (libraries, parks) are skipped. Each
file is one transaction. Exit status 1 when a file was refused.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services import windows_import
from services.opendata import bad_rows_csv


class Command(BaseCommand):
    help = "Import support desks from Digital Agency 公共施設一覧 CSV files."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument(
            "--keep-missing",
            action="store_true",
            help="Do not mark windows missing from the files as closed.",
        )
        parser.add_argument("--report", help="Write the bad rows to this CSV file.")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        results = windows_import.import_paths(paths, close_missing=not options["keep_missing"])
        for result in results:
            if result.refused:
                self.stderr.write(f"{result.name}: refused: {result.refused}")
                continue
            self.stdout.write(
                f"{result.name}: {result.rows} rows, {result.created} new, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.closed} closed, "
                f"{result.skipped} not support desks (skipped), {len(result.bad)} bad"
            )
        if options["report"]:
            Path(options["report"]).write_bytes(bad_rows_csv(results))
        if any(r.refused for r in results):
            sys.exit(1)
