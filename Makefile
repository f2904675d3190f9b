# The two commands of the quick start are `make demo` and `make test`; `make bench` prints the
# optimiser's figures. Every target installs what it needs, so they work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CHROMIUM := /usr/bin/chromium
# The full MDGP benchmark set (MDPLIB), not shipped with the repository: `make bench MDGP=/path`.
MDGP ?= ../shared/benchmarks/mdgp
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo serve test lint typecheck pytest bench install assets chromium migrate seed clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/commonground.css: node_modules/.installed static/scss/commonground.scss
	npx --no-install sass --load-path=node_modules --style=compressed --no-source-map \
		static/scss/commonground.scss $@

install: $(VENV)/.installed
assets: static/build/commonground.css
	mkdir -p var/static

# Browser tests drive the system's Chromium; Playwright never downloads a browser of its own.
chromium:
	@test -x $(CHROMIUM) -a -x /usr/bin/khal -a -d /usr/lib/python3/dist-packages/vobject || (apt-get update -qq && apt-get install -y -qq chromium khal python3-vobject)

migrate: install assets
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

seed: migrate
	$(MANAGE) seed_demo

demo: seed
	$(MANAGE) demo_logins
	@echo "Serving http://127.0.0.1:8000 (Ctrl-C to stop); background tasks run alongside."
	@trap 'kill 0' INT TERM EXIT; \
		MFA_REQUIRED_FOR_STAFF=false $(MANAGE) db_worker --queue-name '*' & \
		MFA_REQUIRED_FOR_STAFF=false $(MANAGE) runserver 127.0.0.1:8000

# lint-imports checks the import rules of docs/architecture.md; no cache, so it leaves no files.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

typecheck: install
	$(VENV)/bin/mypy .

pytest: install assets chromium
	$(VENV)/bin/pytest -n 2 --dist loadfile -q -p no:cacheprovider

test: lint typecheck pytest

bench: install
	$(PY) bench/recruitment_selection.py
	$(PY) bench/grouping_cohorts.py
	$(PY) bench/grouping_mdgp.py $(MDGP)

clean:
	rm -rf $(VENV) node_modules static/build var
