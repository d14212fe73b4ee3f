# Kizuki web, worker and beat image: two stages.
#   build   - installs the locked runtime dependencies (requirements.lock, with
#             hashes) into /venv, compiles translations, collects static files
#   runtime - the slim base, /venv and the application; no compilers, no
#             gettext, no embedded PostgreSQL (the image always uses DATABASE_URL)

FROM python:3.11-slim-bookworm AS build
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY . .
RUN DEBUG=1 DATABASE_URL=postgres://unused@localhost/unused \
       python manage.py compilemessages --ignore=.venv --ignore=var -v 0 \
    && DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=postgres://unused@localhost/unused \
       python manage.py collectstatic --noinput -v 0

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/venv/bin:$PATH
# curl for the compose health check; the PostgreSQL client for `make backup`-style
# dumps from inside the container (pg_dump / pg_restore).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl postgresql-client \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /venv /venv
WORKDIR /app
COPY --from=build /app /app
RUN useradd --system --uid 1000 kizuki \
    && rm -rf /app/.git /app/tests /app/*.lock \
    && mkdir -p /app/var/media && chown -R kizuki /app/var
USER kizuki
EXPOSE 8000
# Workers, threads and timeouts: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS).
CMD ["gunicorn", "portal.wsgi:application"]
