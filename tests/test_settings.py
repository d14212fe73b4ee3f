"""Start-up configuration: bad or missing variables stop it with one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["KIZUKI_ENV_FILE"] = ""  # ignore a development .env
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"DEBUG": "perhaps"}, "DEBUG must be a boolean"),
        (
            {"DEBUG": "1", "PORTAL_PREFECTURE_CODE": "48"},
            "PORTAL_PREFECTURE_CODE must be a two-digit prefecture code",
        ),
        ({"DEBUG": "1", "OUTBOX_MAX_ATTEMPTS": "many"}, "OUTBOX_MAX_ATTEMPTS must be an integer"),
    ],
)
def test_bad_configuration_stops_with_one_line(env, message):
    result = run_manage("check", **env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Configuration error: {result.stderr.split(': ', 1)[1].strip()}"
    ]
    assert message in result.stderr


def test_check_deploy_is_clean_under_production_variables():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="k" * 30 + "-Production-Secret-0123456789!",
        ALLOWED_HOSTS="kizuki.example.jp",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_prefecture_code_selects_the_municipalities_offered(settings):
    from carers.forms import MunicipalityChoiceField

    settings.PORTAL_PREFECTURE_CODE = "13"
    names = {m.name for m in MunicipalityChoiceField().queryset}
    assert "千代田区" in names and "札幌市" not in names
    assert len(names) == 62
