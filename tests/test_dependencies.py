"""The dependency rules of the README's architecture section, checked on the
source: every module is parsed with ``ast`` (nothing is imported).

- ``carers`` is the kernel: it imports no other app and names no other app's
  URLs; other apps import only its public modules (``carers.PUBLIC_MODULES``,
  and of ``carers.models`` only ``carers.PUBLIC_MODEL_NAMES``).
- ``portal`` is the shell on top: it imports other apps' ``api.py`` only.
- Apps import each other's ``api.py`` only, and of the shell ``portal.api``.
- No app writes another app's models: no manager writes (``create``,
  ``update``, ``delete``, ``bulk_create``…) and no construction of a model
  class imported from another app.
- Code and templates of an app name URLs of their own app, the kernel and the
  shell only; the kernel only its own; the shell any.

Tests, migrations and management commands of an app are outside the rules.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

import carers

ROOT = Path(__file__).resolve().parent.parent
KERNEL, SHELL = "carers", "portal"
APPS = tuple(settings.KIZUKI_APPS)  # the one list of the apps
WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "create_user",
    "create_superuser",
}
URL_NAME = re.compile(r"""(?:\{% url |reverse\(|redirect\(|reverse_lazy\()\s*["']([a-z_]+):""")


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if {"tests", "migrations", "management"} & set(rel.parts):
                continue
            yield app, rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))


def _imports(tree):
    """(module, names or None) for every absolute import."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, [alias.name for alias in node.names]


def _import_problems(app, module, names):
    parts = module.split(".")
    other = parts[0]
    if other not in APPS or other == app:
        return []
    if app == KERNEL:
        return [f"the kernel imports {module}"]
    # "from carers import outbox" imports the module carers.outbox.
    targets = [".".join(parts[1:])] if len(parts) > 1 else list(names or [""])
    problems = []
    for target in targets:
        if other == KERNEL:
            if target not in carers.PUBLIC_MODULES:
                problems.append(f"imports carers.{target}, not part of the kernel's surface")
            elif target == "models" and names and len(parts) > 1:
                private = sorted(set(names) - carers.PUBLIC_MODEL_NAMES)
                if private:
                    problems.append(f"imports private kernel models {private}")
        elif target != "api":
            problems.append(f"imports {other}.{target}; only {other}.api is public")
    return problems


def _foreign_models(app, tree):
    """Names bound to model classes imported from another app's models."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] in APPS and parts[0] != app and parts[-1] == "models":
                names |= {a.asname or a.name for a in node.names if a.name[:1].isupper()}
    return names


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _write_problems(app, tree):
    foreign = _foreign_models(app, tree) - {"Role", "STAFF_ROLES", "CareLevel"}
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in foreign:
            problems.append(f"line {node.lineno}: constructs {func.id}")
        if isinstance(func, ast.Attribute) and func.attr in WRITES:
            root = _root_name(func.value)
            if root in foreign and ".objects" in ast.unparse(func.value) + ".":
                problems.append(f"line {node.lineno}: {root}.objects….{func.attr}()")
    return problems


def _namespaces():
    """URL namespace → the app whose urls module defines it."""
    from django.urls import get_resolver

    owners = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        module = getattr(resolver.urlconf_module, "__name__", str(resolver.urlconf_name))
        owners[namespace] = module.split(".")[0]
    return owners


def test_every_app_imports_only_public_surfaces():
    problems = []
    for app, rel, tree in _modules():
        for module, names in _imports(tree):
            problems += [f"{rel}: {p}" for p in _import_problems(app, module, names)]
    assert not problems, "\n".join(problems)


def test_no_app_writes_another_apps_models():
    problems = []
    for app, rel, tree in _modules():
        problems += [f"{rel}: {p}" for p in _write_problems(app, tree)]
    assert not problems, "\n".join(problems)


def test_urls_are_named_only_downwards():
    owners = _namespaces()
    problems = []
    for app in APPS:
        files = [
            p
            for p in (ROOT / app).rglob("*")
            if p.suffix in (".py", ".html", ".txt")
            and not {"tests", "migrations", "management"} & set(p.relative_to(ROOT).parts)
        ]
        # The shell sits on top and links to every app; the kernel to none.
        if app == SHELL:
            allowed = set(APPS)
        elif app == KERNEL:
            allowed = {KERNEL}
        else:
            allowed = {app, KERNEL, SHELL}
        for path in files:
            for namespace in URL_NAME.findall(path.read_text(encoding="utf-8")):
                owner = owners.get(namespace)
                if owner in APPS and owner not in allowed:
                    problems.append(f"{path.relative_to(ROOT)} names {namespace}: ({owner})")
    assert not problems, "\n".join(problems)


# The checks must be able to fail: each rule, on a module written to break it.
@pytest.mark.parametrize(
    "app,source,expected",
    [
        ("salons", "from carers.models import Household", "private kernel models"),
        ("salons", "from carers import actions", "carers.actions"),
        ("salons", "from services.models import Service", "only services.api"),
        ("carers", "from salons import api", "the kernel imports"),
        ("portal", "import salons.views", "only salons.api"),
    ],
)
def test_the_import_rule_catches_a_forbidden_import(app, source, expected):
    tree = ast.parse(source)
    problems = [p for m, n in _imports(tree) for p in _import_problems(app, m, n)]
    assert any(expected in p for p in problems), problems


def test_the_write_rule_catches_a_write_to_the_kernels_user():
    source = (
        "from carers.models import User\n"
        "User.objects.filter(pk=1).update(role='organiser')\n"
        "User(email='x@example.jp')\n"
    )
    problems = _write_problems("salons", ast.parse(source))
    assert len(problems) == 2, problems
    assert not _write_problems("carers", ast.parse(source))
