# Kumppani: `make run` serves the portal with demo data, `make test` runs every check.
# Both install what they need first, so they work on a fresh clone.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Development defaults; any of them can be overridden from the environment.
DEV_ENV := DEBUG=$${DEBUG:-true}

.PHONY: install run worker test lint format messages compilemessages check-translations clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

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
	@echo "Kumppani: http://127.0.0.1:8000  (Ctrl-C stops the web server and the Celery worker)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(DEV_ENV) $(BIN)/celery -A config worker --beat --loglevel=INFO --concurrency=2 & \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000 & \
	wait

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the strings to translate into locale/{fi,sv,en}; translate, then `make test`.
messages: $(VENV)/.installed
	$(DEV_ENV) $(MANAGE) makemessages --no-location --no-obsolete -l fi -l sv -l en \
		--ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*'

clean:
	rm -rf $(VENV) node_modules var/static
