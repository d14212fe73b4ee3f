"""Load the built-in content and demo data for every app (idempotent), or
remove the demo data with --remove.

Each app may provide ``<app>/demo.py`` with ``load(accounts)`` and ``remove()``;
demo rows are marked so removal never touches what users created.
"""

import importlib
import io

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from carers import demo as carers_demo


def app_demo_modules():
    for name in settings.KIZUKI_APPS:
        try:
            module = importlib.import_module(f"{name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.demo":
                raise  # a missing import inside a demo module is a bug, not "no demo"
            continue
        if hasattr(module, "load"):
            yield name, module


class Command(BaseCommand):
    help = "Load demo accounts and data for every app (idempotent); --remove deletes them."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Delete all demo data.")

    def handle(self, *args, remove=False, **options):
        if remove:
            with transaction.atomic():
                for name, module in reversed(list(app_demo_modules())):
                    if hasattr(module, "remove"):
                        module.remove()
                        self.stdout.write(f"removed demo data of {name}")
                carers_demo.remove_accounts()
            self.stdout.write("demo accounts removed")
            return
        call_command("load_municipalities", stdout=io.StringIO())
        call_command("load_content", stdout=self.stdout)
        with transaction.atomic():
            accounts = carers_demo.load_accounts()
            for name, module in app_demo_modules():
                module.load(accounts)
                self.stdout.write(f"demo data of {name}: loaded")
        self.print_accounts()

    def print_accounts(self):
        w = self.stdout.write
        w("")
        w(f"Demo accounts (password for all: {carers_demo.DEMO_PASSWORD})")
        for key, (email, role, code, _name, superuser) in carers_demo.ACCOUNTS.items():
            scope = f" municipality {code}" if code else ""
            w(f"  {key:24} {email:36} {'administrator' if superuser else role}{scope}")
        w("Staff and admin accounts use two-factor authentication; get the current code with:")
        w("  .venv/bin/python manage.py demo_totp")
        w("Sign in at http://127.0.0.1:8000/accounts/login/ (English: /en/accounts/login/)")
