# The two commands of the quick start are `make demo` and `make test`; `make bench` prints the
# optimiser's figures. Every target installs what it needs, so they work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CHROMIUM := /usr/bin/chromium
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo serve test lint typecheck audit pytest bench load install assets chromium migrate seed clean

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

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

# Security lint of our code (accepted findings carry `# nosec BXXX  # reason`, see pyproject), then
# the installed packages against PyPI's advisory database. Where that database cannot be reached,
# pip-audit can vouch for nothing: say so loudly rather than pass as if it had audited.
audit: install
	$(VENV)/bin/bandit -q -c pyproject.toml -r commonground
	mkdir -p var
	$(VENV)/bin/pip-audit --local --progress-spinner off -f json -o var/pip-audit.json || true
	$(PY) -c 'import json, sys; deps = json.load(open("var/pip-audit.json"))["dependencies"]; \
		bad = [d["name"] + " " + d["version"] + ": " + v["id"] for d in deps for v in d.get("vulns", [])]; \
		audited = [d for d in deps if "skip_reason" not in d]; \
		print("\n".join(bad)) if bad else None; \
		print(f"pip-audit: {len(audited)} of {len(deps)} packages audited, {len(bad)} known vulnerabilities"); \
		print("pip-audit: WARNING the advisory service did not answer; dependencies NOT audited") if not audited else None; \
		sys.exit(1 if bad else 0)'

pytest: install assets chromium
	$(VENV)/bin/pytest -n 2 --dist loadfile -q -p no:cacheprovider

test: lint typecheck audit pytest

bench: install
	$(PY) bench/grouping_mdgp.py
	$(PY) bench/recruitment_selection.py
	$(PY) bench/grouping_cohorts.py

clean:
	rm -rf $(VENV) node_modules static/build var
