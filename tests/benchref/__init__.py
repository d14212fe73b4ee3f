"""A tiny reference Django project for `make bench`: a plain view and a page
listing 20 rows of a table, served by the same gunicorn settings on the same
PostgreSQL as the portal, so the portal's figures have a yardstick.

``python -m tests.benchref seed`` creates its table and 10,000 rows in
DATABASE_URL (idempotent)."""
