"""Real processes for fault-injection tests: a throw-away Redis server and an
SMTP sink whose behaviour (down / slow / up) the test switches.

Both listen on loopback only, on a free port, and are stopped by the test.
"""

import email
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


class RedisProcess:
    """``redis-server`` on a free loopback port, no persistence."""

    def __init__(self, port=None):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.skip("needs redis-server (apt-get install redis-server)")
        self.port = port or free_port()
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.proc = None


class _SMTPHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line):
        try:
            self.wfile.write(line.encode() + b"\r\n")
            self.wfile.flush()
        except OSError:  # the client gave up waiting
            pass

    def handle(self):
        sink = self.server.sink
        time.sleep(sink.greeting_delay)
        self.reply("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("ascii", "replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink.test")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                sink.received.append(email.message_from_bytes(b"".join(lines)))
                time.sleep(sink.data_delay)  # slow: the message is in, the reply is late
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPSink:
    """A minimal SMTP server on loopback that keeps every message it receives.

    ``down()`` closes the port (connection refused); ``up(data_delay=s)``
    answers, waiting ``s`` seconds before acknowledging each message."""

    def __init__(self):
        self.port = free_port()
        self.received = []
        self.data_delay = 0.0
        self.greeting_delay = 0.0
        self.server = None
        self.thread = None

    def up(self, data_delay=0.0, greeting_delay=0.0):
        self.data_delay, self.greeting_delay = data_delay, greeting_delay
        if self.server is None:
            self.server = _Server(("127.0.0.1", self.port), _SMTPHandler)
            self.server.sink = self
            self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
            self.thread.start()
        return self

    def down(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        return self

    def recipients(self):
        return [m["To"] for m in self.received]


def database_url() -> str:
    from urllib.parse import quote

    from django.db import connection

    s = connection.settings_dict
    host = s["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        host = quote(host, safe="")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{s['USER']}@{host}{port}/{s['NAME']}"


def start_worker(redis_url, email_url, name="fault"):
    """A real Celery worker process on that broker and the test database."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": email_url,
        "KIZUKI_ENV_FILE": "",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-c", "1"]
        + ["-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        + ["-n", f"{name}-{os.getpid()}@%h"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
