# Kizuki. `make run` and `make test` work on a fresh machine: they create .venv
# and install what they need. DATABASE_URL / REDIS_URL are used when set;
# otherwise an embedded PostgreSQL (var/pgdata) and in-process tasks.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DEBUG ?= 1
# The project's apps (settings.KIZUKI_APPS): every folder with an apps.py.
APPS := $(patsubst %/apps.py,%,$(wildcard */apps.py))

.PHONY: install run test bench lint format messages compilemessages content demo-data remove-demo worker beat check-deploy clean lock backup restore

# Exact versions with hashes (requirements-dev.lock: runtime + dev + embedded
# PostgreSQL; requirements.lock: what the production image installs). Both are
# generated from pyproject.toml by `make lock`.
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

LOCK_TOOLS := var/lock-tools
LOCK_OPTS := -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --no-emit-trusted-host --no-emit-options --no-header

# Re-resolve the lockfiles after changing dependencies in pyproject.toml.
lock:
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/pip install -q pip-tools
	$(LOCK_TOOLS)/bin/pip-compile $(LOCK_OPTS) -o requirements.lock pyproject.toml
	$(LOCK_TOOLS)/bin/pip-compile $(LOCK_OPTS) --extra dev --extra embedded -o requirements-dev.lock pyproject.toml

install: $(STAMP) .env

# Development defaults for `python manage.py ...` in this checkout (git ignores it).
.env:
	printf '# Development settings read by portal/settings.py; real environment variables win.\nDEBUG=1\n' > .env

compilemessages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

# load_demo loads the built-in content (load_content) before the demo data.
run: install compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

# Two test processes (pytest-xdist; each test file stays in one process, with a
# test database and a Redis database of its own). TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= 2
test: install compilemessages
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile) $(PYTEST_ARGS)

bench: install
	$(PY) -m tests.bench

# The built-in content (articles, guide pages, service catalogue) from the
# files in */content/; staff's edits are kept.
content: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content

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
	$(PY) manage.py check_templates

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

# Backups of the database (README "Operations"). BACKUP_DIR defaults to
# var/backups; `make restore BACKUP=path` restores one (the database is
# replaced: run it on a stopped site). Uses DATABASE_URL.
BACKUP_DIR ?= var/backups
backup: install
	$(PY) manage.py backup --dir $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/kizuki-....dump"; exit 2; }
	$(PY) manage.py restore $(BACKUP) --yes

clean:
	rm -rf $(VENV) var
