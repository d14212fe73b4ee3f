"""Gunicorn settings of the web container (read from the working directory)
and of `make bench`. WEB_CONCURRENCY overrides the number of workers."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
