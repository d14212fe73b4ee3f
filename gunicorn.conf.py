"""Gunicorn settings of the web container (read from the working directory)
and of `make bench`.

Threaded workers (gthread): a request waiting on PostgreSQL or Redis does not
hold a whole process, so a few slow requests no longer stall everyone.
WEB_CONCURRENCY sets the number of processes, GUNICORN_THREADS the threads of each.

The application is loaded once, in the master process (preload_app; portal.wsgi
also loads the URLs, catalogues and templates there), and each worker is a copy
of it: a new or recycled worker answers its first requests at full speed instead
of importing and compiling while visitors wait. A code change needs a restart
of gunicorn (as a new container does), not a HUP."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
preload_app = True
# Recycle a worker now and then, so memory cannot creep up over weeks. Not too
# often: a new worker's first requests are slower (at 1,000 req/s, 5,000 meant a
# new worker every few seconds and p95 spikes of ~200 ms in the benchmark).
max_requests = 50000
max_requests_jitter = 5000


def pre_fork(server, worker):
    """Freeze the loaded application out of the garbage collector before each
    fork: a worker's collections then never walk (and so never copy-on-write)
    the tens of thousands of objects it shares with the master."""
    import gc

    gc.freeze()
