"""Import MHLW care-service provider open-data files (jigyosho_<code>.csv).

    manage.py import_kaigo_opendata jigyosho_110.csv jigyosho_430.csv ...
    manage.py import_kaigo_opendata --report bad-rows.csv data/*.csv

Each file is imported in its own transaction; a refused file (not this
format) is reported and the others go on. Exit status 1 when a file was refused.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services import kaigo_import
from services.opendata import bad_rows_csv


class Progress:
    """A one-line progress bar on stderr: files done, rows read of the current file."""

    def __init__(self, stream, files):
        self.stream, self.files, self.done = stream, files, 0
        self.interactive = stream.isatty()

    def rows(self, count):
        if self.interactive:
            width = 30
            filled = int(width * self.done / max(self.files, 1))
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r[{bar}] file {self.done + 1}/{self.files}, {count:,} rows read")
            self.stream.flush()


class Command(BaseCommand):
    help = "Import MHLW care-service provider open-data CSV files (介護サービス情報公表システム)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="jigyosho_<code>.csv files")
        parser.add_argument(
            "--keep-missing",
            action="store_true",
            help="Do not mark entries missing from the files as closed (partial files).",
        )
        parser.add_argument("--report", help="Write the bad rows to this CSV file.")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["files"]]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        progress = Progress(sys.stderr, len(paths))
        results, refused = [], 0
        started = time.perf_counter()
        for path in paths:
            result = kaigo_import.import_paths(
                [path], close_missing=not options["keep_missing"], progress=progress.rows
            )[0]
            progress.done += 1
            results.append(result)
            if progress.interactive:
                sys.stderr.write("\r" + " " * 70 + "\r")
            if result.refused:
                refused += 1
                self.stderr.write(f"{path.name}: refused: {result.refused}")
                continue
            self.stdout.write(
                f"{path.name}: {result.rows} rows, {result.created} new, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.reopened} reopened, {result.closed} closed, "
                f"{len(result.bad)} bad"
            )
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")
        if options["report"]:
            Path(options["report"]).write_bytes(bad_rows_csv(results))
            self.stdout.write(f"bad rows written to {options['report']}")
        if refused:
            sys.exit(1)
