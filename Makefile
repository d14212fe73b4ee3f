# Kizuki. `make run` and `make test` work on a fresh machine: they create .venv
# and install what they need. DATABASE_URL / REDIS_URL are used when set;
# otherwise an embedded PostgreSQL (var/pgdata) and in-process tasks.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DEBUG ?= 1
APPS := portal carers salons advisors services opendata

.PHONY: install run test bench lint format messages compilemessages demo-data remove-demo worker beat check-deploy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) .env

# Development defaults for `python manage.py ...` in this checkout (git ignores it).
.env:
	printf '# Development settings read by portal/settings.py; real environment variables win.\nDEBUG=1\n' > .env

compilemessages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

run: install compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: install compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m tests.bench

demo-data: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

remove-demo: install
	$(PY) manage.py load_demo --remove

worker: install
	$(VENV)/bin/celery -A portal worker -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info -s var/celerybeat-schedule

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Update the Japanese catalogues: site-wide (templates/) then one per app.
messages: install
	$(PY) manage.py makemessages -l ja --no-obsolete -i .venv -i var $(foreach a,$(APPS),-i $(a))
	for app in $(APPS); do (cd $$app && mkdir -p locale && ../$(PY) ../manage.py makemessages -l ja --no-obsolete -i "migrations/*"); done
	$(MAKE) compilemessages

check-deploy: install
	DEBUG=0 SECRET_KEY=$$(openssl rand -hex 32) ALLOWED_HOSTS=kizuki.example.jp $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
