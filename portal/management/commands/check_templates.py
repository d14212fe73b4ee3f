"""A template linter: compile every Django template of the project.

Finds what only shows when a page is rendered: unknown tags or filters, an
unclosed block, a {% load %} of a library that does not exist, a translation
block with a bad placeholder. Also flags inline event handlers and inline
<script> code, which the Content Security Policy would block. Exit status 1
when anything is wrong (run by `make lint` and CI).
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import TemplateSyntaxError, engines

INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>\s*\S", re.S
)


def template_files():
    roots = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    for app in settings.KIZUKI_APPS:
        roots.append(settings.BASE_DIR / app / "templates")
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".ics"):
                    yield root, path


class Command(BaseCommand):
    help = "Compile every project template; report syntax errors and inline scripts."

    def handle(self, *args, **options):
        engine = engines["django"].engine
        problems = []
        count = 0
        for root, path in template_files():
            count += 1
            source = path.read_text(encoding="utf-8")
            name = path.relative_to(root).as_posix()
            try:
                engine.from_string(source)
            except TemplateSyntaxError as exc:
                problems.append(f"{name}: {exc}")
            if path.suffix == ".html":
                if INLINE_HANDLER.search(source):
                    problems.append(f"{name}: inline event handler (blocked by the CSP)")
                if INLINE_SCRIPT.search(source):
                    problems.append(f"{name}: inline <script> code (blocked by the CSP)")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} template problem(s) in {count} templates")
        self.stdout.write(f"{count} templates checked, no problems")
