"""A real Celery worker on the real Redis delivers an outbox email."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection, transaction

from carers import outbox
from carers.models import OutboundEmail

ROOT = Path(__file__).resolve().parent.parent


def _database_url():
    s = connection.settings_dict
    host = s["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        host = quote(host, safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{s['USER']}@{host}{port}/{s['NAME']}"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_outbox_email(redis_url, resident, tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"filemail://{tmp_path}",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "-c",
            "1",
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        with transaction.atomic():
            message = outbox.enqueue(
                to=resident, template="carers/email/test_notice", context={"what": "worker"}
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status == OutboundEmail.Status.SENT:
                break
            time.sleep(0.5)
        assert message.status == OutboundEmail.Status.SENT, (
            "the worker did not send the email in 60 s"
        )
        files = list(tmp_path.iterdir())
        assert len(files) == 1
        text = files[0].read_text()
        assert resident.email in text and "worker" in text
    finally:
        worker.terminate()
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()
