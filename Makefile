# The two commands of the quick start are `make demo` and `make test`; `make bench` prints the
# optimiser's figures, `make bench-pages` the pages' at national size. Every target installs what it needs, so they work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CHROMIUM := /usr/bin/chromium
# The full MDGP benchmark set (MDPLIB) is not shipped with the repository: `make bench MDGP=/path`.
MDGP ?=
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo demo-notify serve test lint typecheck audit pytest bench bench-pages load install assets chromium migrate seed clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m commonground.grouping.engine.warm_up
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

# `make demo PORT=8080` serves on another port; links in emails follow it through SITE_URL
# unless SITE_URL is given too. The worker gets it as well: it is the one sending the emails.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)

demo: seed
	$(MANAGE) demo_logins
	@$(MAKE) --no-print-directory serve

serve: migrate
	@echo "Serving http://127.0.0.1:$(PORT) (Ctrl-C to stop); background tasks run alongside."
	@trap 'kill 0' INT TERM EXIT; \
		export SITE_URL='$(SITE_URL)' MFA_REQUIRED_FOR_STAFF=false; \
		$(MANAGE) db_worker --queue-name '*' & \
		$(MANAGE) runserver 127.0.0.1:$(PORT)

# The demo with its emails and texts sent through a stand-in for GOV.UK Notify on this machine,
# which posts delivery receipts back: a few addresses fail, as staff see under "Not delivered".
NOTIFY_DEMO := NOTIFY_API_KEY=demo-8b9c0d1e-2f3a-4b5c-8d6e-7f8091a2b3c4-1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5 \
	NOTIFY_BASE_URL=http://127.0.0.1:8025 NOTIFY_GENERIC_TEMPLATE_ID=0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f \
	NOTIFY_SMS_REMINDER_TEMPLATE_ID=1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d NOTIFY_CALLBACK_TOKEN=demo-receipts \
	EMAIL_BACKEND=commonground.notify.backend.NotifyEmailBackend \
	NOTIFY_ATTACHMENT_BACKEND=django.core.mail.backends.console.EmailBackend

demo-notify: seed
	$(MANAGE) demo_logins
	@trap 'kill 0' INT TERM EXIT; export $(NOTIFY_DEMO); \
		$(MANAGE) notify_imitation --receipts-to '$(SITE_URL)/notify/delivery-receipts/' & \
		$(MAKE) --no-print-directory serve

# lint-imports checks the import rules of docs/architecture.md; no cache, so it leaves no files.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo

typecheck: install
	$(VENV)/bin/mypy .

# Security lint of our code (accepted findings carry `# nosec BXXX  # reason`, see pyproject), then
# the installed packages against PyPI's advisory database. Where that database cannot be reached,
# pip-audit can vouch for nothing: say so loudly rather than pass as if it had audited.
audit: install
	$(VENV)/bin/bandit -q -c pyproject.toml -r commonground
	mkdir -p var
	rm -f var/pip-audit.json
	$(VENV)/bin/pip-audit --local --progress-spinner off -f json -o var/pip-audit.json || true
	$(PY) -c 'import json, os, sys; path = "var/pip-audit.json"; \
		deps = json.load(open(path))["dependencies"] if os.path.exists(path) else []; \
		bad = [d["name"] + " " + d["version"] + ": " + v["id"] for d in deps for v in d.get("vulns", [])]; \
		audited = [d for d in deps if "skip_reason" not in d]; \
		print("\n".join(bad)) if bad else None; \
		print(f"pip-audit: {len(audited)} of {len(deps)} packages audited, {len(bad)} known vulnerabilities"); \
		print("pip-audit: WARNING the advisory service did not answer; dependencies NOT audited") if not audited else None; \
		sys.exit(1 if bad else 0)'

pytest: install assets chromium
	$(VENV)/bin/pytest -n 2 --dist worksteal -q -p no:cacheprovider --durations=25

test: lint typecheck audit pytest

bench: install
	$(PY) bench/recruitment_selection.py
	$(PY) bench/grouping_cohorts.py
	$(PY) bench/grouping_designs.py
	$(PY) bench/mentoring.py
	@if [ -n "$(MDGP)" ]; then $(PY) bench/grouping_mdgp.py $(MDGP); else \
		echo "MDGP benchmark skipped: run make bench MDGP=/path/to/mdplib/mdgp (the MDPLIB set)"; fi

# Each key page and API list at the demo's size and at national size (seed_scale: 100,000 people,
# 1,000 cohorts, half a million answers), on two PostgreSQL databases of its own, seeded once
# (the national one takes several minutes); see docs/performance.md.
BENCH_DEMO_URL := postgres://postgres@127.0.0.1:5432/commonground_bench_demo
BENCH_SCALE_URL := postgres://postgres@127.0.0.1:5432/commonground_bench_scale

bench-pages: install
	@for db in commonground_bench_demo commonground_bench_scale; do \
		psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$$db'" | grep -q 1 \
			|| createdb -h 127.0.0.1 -U postgres $$db; done
	DATABASE_URL=$(BENCH_DEMO_URL) $(MANAGE) migrate --no-input -v0
	DATABASE_URL=$(BENCH_DEMO_URL) $(MANAGE) createcachetable
	DATABASE_URL=$(BENCH_DEMO_URL) $(MANAGE) seed_demo
	DATABASE_URL=$(BENCH_SCALE_URL) $(MANAGE) migrate --no-input -v0
	DATABASE_URL=$(BENCH_SCALE_URL) $(MANAGE) createcachetable
	DATABASE_URL=$(BENCH_SCALE_URL) $(MANAGE) seed_scale
	$(PY) bench/pages.py --demo $(BENCH_DEMO_URL) --scale $(BENCH_SCALE_URL) --snapshot

# 50 simulated people for 60 s against gunicorn (2 workers) on a seeded PostgreSQL database of
# its own, on this machine only. The second factor is off for the run, so the staff sign in with
# a password through the real form; the secret key is a throwaway one.
LOAD_DB := commonground_load
LOAD_DATABASE_URL := postgres://postgres@127.0.0.1:5432/$(LOAD_DB)
LOAD_PORT := 8100

load: install
	psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$(LOAD_DB)'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres $(LOAD_DB)
	mkdir -p var
	DATABASE_URL=$(LOAD_DATABASE_URL) $(MANAGE) migrate --no-input -v0
	DATABASE_URL=$(LOAD_DATABASE_URL) $(MANAGE) createcachetable
	DATABASE_URL=$(LOAD_DATABASE_URL) $(MANAGE) seed_demo
	@export DATABASE_URL=$(LOAD_DATABASE_URL) DEBUG=false DB_CONN_MAX_AGE=60 MFA_REQUIRED_FOR_STAFF=false \
		ALLOW_STAFF_WITHOUT_SECOND_FACTOR=true EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
		SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))'); \
	$(VENV)/bin/gunicorn commonground.wsgi:application --workers 2 --bind 127.0.0.1:$(LOAD_PORT) \
		--log-file var/load-gunicorn.log & gunicorn=$$!; \
	trap 'kill $$gunicorn; wait $$gunicorn' EXIT; \
	for attempt in $$(seq 50); do \
		curl -sf -o /dev/null http://127.0.0.1:$(LOAD_PORT)/accounts/login/ && break; sleep 0.2; \
	done; \
	echo "load before: $$(uptime)"; \
	$(PY) bench/load.py --host http://127.0.0.1:$(LOAD_PORT) --users 50 --seconds 60; \
	status=$$?; echo "load after: $$(uptime)"; exit $$status

clean:
	rm -rf $(VENV) node_modules static/build var
