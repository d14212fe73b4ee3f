"""Backup and restore with pg_dump / pg_restore against the real PostgreSQL:
row counts and a case record's access log come back intact."""

import uuid
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from carers.models import AccessLogEntry, Household, User
from carers.tests.conftest import make_household
from conftest import make_user

TABLES = [
    "carers_user",
    "carers_household",
    "carers_carer",
    "carers_accesslogentry",
    "carers_municipality",
    "account_emailaddress",
    "mfa_authenticator",
    "django_migrations",
]


def _dsn(name=None):
    s = connection.settings_dict
    parts = {
        "host": s["HOST"] or "127.0.0.1",
        "port": s["PORT"] or 5432,
        "user": s["USER"],
        "dbname": name or s["NAME"],
    }
    if s["PASSWORD"]:
        parts["password"] = s["PASSWORD"]
    return " ".join(f"{k}={v}" for k, v in parts.items())


def _url(name):
    s = connection.settings_dict
    auth = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    if (s["HOST"] or "").startswith("/"):  # a Unix socket (the embedded server of `make test`)
        return f"postgres://{auth}@/{name}?host={quote(s['HOST'], safe='')}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _counts(dsn):
    with psycopg.connect(dsn) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _access_log(dsn, public_id):
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            "SELECT at, actor_id, actor_label, action, via_audit_grant FROM carers_accesslogentry "
            "WHERE household_public_id = %s ORDER BY id",
            [public_id],
        ).fetchall()


@pytest.fixture
def case_with_log(municipal_staff, client_for):
    household = make_household(municipal_staff)
    staff = client_for(municipal_staff)
    for name in ("carers:household_detail", "carers:household_export_json"):
        assert staff.get(reverse(name, args=[household.public_id])).status_code == 200
    assert AccessLogEntry.objects.filter(household_public_id=household.public_id).count() >= 3
    return household


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_dsn("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_intact(case_with_log, scratch_database, tmp_path):
    make_user("someone@example.jp", mfa=True)
    before = _counts(_dsn())
    log_before = _access_log(_dsn(), case_with_log.public_id)

    call_command("backup", dir=str(tmp_path))
    dumps = list(tmp_path.glob("kizuki-*.dump"))
    assert len(dumps) == 1 and dumps[0].stat().st_size > 10_000
    assert not list(tmp_path.glob("*.partial"))

    call_command("restore", str(dumps[0]), database_url=_url(scratch_database), yes=True)
    restored = _dsn(scratch_database)
    assert _counts(restored) == before
    assert _access_log(restored, case_with_log.public_id) == log_before
    # The access log stays append-only in the restored database.
    with psycopg.connect(restored) as conn, pytest.raises(psycopg.Error):
        conn.execute("DELETE FROM carers_accesslogentry")


@pytest.mark.django_db(transaction=True)
def test_restore_in_place_undoes_later_changes(case_with_log, tmp_path, municipal_staff):
    before = _counts(_dsn())
    log_before = _access_log(_dsn(), case_with_log.public_id)
    call_command("backup", dir=str(tmp_path))
    dump = next(tmp_path.glob("kizuki-*.dump"))

    make_household(municipal_staff, reference="後から追加")
    User.objects.filter(email="resident-gone@example.jp").delete()
    make_user("later@example.jp")
    assert _counts(_dsn()) != before

    call_command("restore", str(dump), yes=True)
    assert _counts(_dsn()) == before
    assert _access_log(_dsn(), case_with_log.public_id) == log_before
    assert Household.objects.count() == before["carers_household"]  # Django reconnects


def test_restore_needs_confirmation_and_an_existing_file(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.dump"))
    with pytest.raises(CommandError, match="no such backup"):
        call_command("restore", str(tmp_path / "x.dump"), yes=True)


def test_a_socket_url_names_the_socket_directory():
    from portal.backup import _target

    args, _env = _target("postgres://kizuki@/cases?host=%2Fvar%2Frun%2Fpostgresql")
    assert args == ["--host", "/var/run/postgresql", "--username", "kizuki", "--dbname", "cases"]
    args, env = _target("postgres://kizuki:s%40cret@db.example:5433/cases")
    assert args[:4] == ["--host", "db.example", "--port", "5433"]
    assert env["PGPASSWORD"] == "s@cret"
