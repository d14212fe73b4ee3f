# Kizuki web, worker and beat image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal ./portal
COPY carers ./carers
COPY salons ./salons
COPY advisors ./advisors
COPY services ./services
RUN pip install .
COPY . .
RUN DEBUG=1 DATABASE_URL=postgres://unused@localhost/unused python manage.py compilemessages --ignore=.venv -v 0 \
    && DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=postgres://unused@localhost/unused \
       python manage.py collectstatic --noinput -v 0
RUN useradd --system --uid 1000 kizuki && mkdir -p /app/var/media && chown -R kizuki /app/var
USER kizuki
EXPOSE 8000
# Workers, threads and timeouts: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS).
CMD ["gunicorn", "portal.wsgi:application"]
