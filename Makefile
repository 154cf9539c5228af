# Kumppani: `make run` serves the portal with demo data, `make test` runs every check.
# Both install what they need first, so they work on a fresh clone.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Development defaults; any of them can be overridden from the environment.
DEV_ENV := DEBUG=$${DEBUG:-true}

# Every Python dependency, the dev extra's included, pinned with its hashes for Python 3.11
# on Linux: a fresh clone installs exactly the versions CI tested. `make lock` writes it.
LOCK := requirements.lock

.PHONY: install run worker test bench lint format messages compilemessages lock clean

$(VENV)/.installed: pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# The lock from pyproject.toml, by uv: the versions already pinned stay as they are (a new or
# changed dependency is resolved anew); `make lock UPGRADE=1` moves every one to its newest.
lock:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--python-platform linux --custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade) \
		--quiet -o $(LOCK)

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to fetch Bootstrap from the npm registry"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed compilemessages

compilemessages: $(VENV)/.installed
	@$(DEV_ENV) $(MANAGE) compilemessages --ignore='.venv/*' --ignore='node_modules/*' -v 0

run: install
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) seed_demo
	$(DEV_ENV) $(MANAGE) brochures_prerender --queue
	@echo "Kumppani: http://127.0.0.1:8000  (Ctrl-C stops the web server, the Celery worker and beat)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(DEV_ENV) scripts/supervise worker $(BIN)/celery -A config worker --loglevel=INFO --concurrency=2 & \
	$(DEV_ENV) scripts/supervise beat $(BIN)/celery -A config beat --loglevel=INFO & \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000 & \
	wait

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

# Benchmark on PostgreSQL: DATABASE_URL, or a fresh database on the local server when it
# answers. SQLite would measure its own write locks, so without PostgreSQL it stops.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/kumppani_bench
# Measured as in production: DEBUG off (no template debugging, no query log); KUMPPANI_BENCH
# installs the bench command (devtools/), and the server it starts has the floor and X-Queries.
BENCH_ENV := DATABASE_URL=$${DATABASE_URL:-$(BENCH_DB)} DEBUG=false KUMPPANI_BENCH=true SECRET_KEY=bench-only-not-secret \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false KUMPPANI_BASE_URL=http://127.0.0.1:8000
bench: install
	@if [ -z "$$DATABASE_URL" ]; then \
	  $(BIN)/python -c "import psycopg; c = psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', autocommit=True, connect_timeout=3); c.execute('DROP DATABASE IF EXISTS kumppani_bench'); c.execute('CREATE DATABASE kumppani_bench')" \
	    || { echo "make bench needs PostgreSQL: set DATABASE_URL or start it on 127.0.0.1:5432"; exit 1; }; \
	fi
	@command -v wrk >/dev/null || { echo "make bench needs wrk as its load generator: apt-get install -y wrk"; exit 1; }
	$(BENCH_ENV) $(MANAGE) migrate --noinput -v 0
	$(BENCH_ENV) $(MANAGE) collectstatic --noinput -v 0
	$(BENCH_ENV) $(MANAGE) bench --scale $${SCALE:-1}

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the strings to translate into locale/{fi,sv,en}; translate, then `make test`.
messages: $(VENV)/.installed
	$(DEV_ENV) $(MANAGE) makemessages --no-location --no-wrap --no-obsolete -l fi -l sv -l en \
		--ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*'

clean:
	rm -rf $(VENV) node_modules var/static
