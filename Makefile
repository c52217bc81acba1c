# truyenthong — the two commands are `make demo` and `make test`; `make serve` runs it in production.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PORT    ?= 8000
HOST    ?= 127.0.0.1
DEB_PACKAGES := chromium fonts-liberation2 fonts-dejavu-core libreoffice-writer-nogui libreoffice-calc-nogui nginx-light poppler-utils postgresql-client zbar-tools

.PHONY: debian-packages install demo test lint format serve scale-out bench clean eval-assistant screenshots

$(VENV)/.installed: pyproject.toml
	@set -e; py=$$(scripts/find-python); \
	  [ -x $(PY) ] || "$$py" -m venv $(VENV); \
	  $(PY) -m pip install -q --upgrade pip; \
	  $(PY) -m pip install -q -e '.[dev]'
	@touch $@

VENDOR := truyenthong/static/vendor

# Front-end packages from npm (package.json), copied into our static files: served by us, never from a CDN.
$(VENDOR)/.installed: package.json
	@command -v npm >/dev/null || { echo "Thiếu npm: hãy chạy: sudo apt-get install -y npm"; exit 1; }
	npm install --no-audit --no-fund --loglevel=error
	@mkdir -p $(VENDOR)/axe-core $(VENDOR)/tom-select $(VENDOR)/trix
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe-core/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.min.css $(VENDOR)/tom-select/
	cp node_modules/trix/dist/trix.umd.min.js node_modules/trix/dist/trix.css node_modules/trix/LICENSE $(VENDOR)/trix/
	@touch $@

install: $(VENV)/.installed $(VENDOR)/.installed debian-packages

debian-packages:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Cài gói Debian:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "Thiếu gói Debian:$$missing — hãy chạy: sudo apt-get install -y$$missing"; \
	fi

# The demo: a laptop trial with runserver; a random SECRET_KEY is generated once and kept in var/secret_key, and
# administrators may log in with their password alone (REQUIRE_2FA_FOR_ADMINS off).
demo: export TRUYENTHONG_DEMO = 1
demo: install
	$(PY) -m truyenthong migrate --noinput -v 0
	$(PY) -m truyenthong demo
	@# The background worker (reports, indicator recomputation) runs beside the web server and stops with it.
	@$(PY) -m truyenthong run-worker -v 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) -m truyenthong runserver $(HOST):$(PORT)

# Production: granian with several workers (deploy/web.py), static files by WhiteNoise, settings from
# ENV_FILE (deploy/production.env when it exists; see deploy/production.env.example). SQLite unless DATABASE_URL.
ENV_FILE ?= deploy/production.env
# The web server, TASK_WORKERS background workers (default 1) and the scheduler, kept running by supervisord (deploy/layout.py).
serve: install
	@set -e; set -a; if [ -f "$(ENV_FILE)" ]; then . "$(ENV_FILE)"; fi; set +a; \
	  exec $(PY) deploy/layout.py --layout school $(if $(DEMO),--demo)

# The scale-out layout on one machine: nginx → WEB_PORTS app processes, TASK_WORKERS workers (RQ on Redis) and the
# scheduler under supervisord, PostgreSQL and Redis (deploy/scaleout/scaleout.env.example). DEMO=1 loads the demo.
SCALEOUT_ENV ?= deploy/scaleout.env
scale-out: install
	@set -e; set -a; if [ -f "$(SCALEOUT_ENV)" ]; then . "$(SCALEOUT_ENV)"; else echo "Chưa có $(SCALEOUT_ENV): dùng deploy/scaleout/scaleout.env.example"; . deploy/scaleout/scaleout.env.example; fi; set +a; \
	  exec $(PY) deploy/layout.py --layout province $(if $(DEMO),--demo)

test: install lint
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check truyenthong tests bench
	$(VENV)/bin/ruff format --check truyenthong tests bench
	$(VENV)/bin/djlint --lint --quiet truyenthong/templates truyenthong/*/templates
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix truyenthong tests bench
	$(VENV)/bin/ruff format truyenthong tests bench

# Every page of every role at 1366 and 390 px wide, as PNGs in var/screenshots/ (look at them before a release).
screenshots: install
	SCREENSHOTS_DIR=$${SCREENSHOTS_DIR:-var/screenshots} $(PY) -m pytest tests/browser/test_role_navigation.py -q -p no:randomly

bench: install
	$(PY) bench/run_all.py

eval-assistant: $(VENV)/.installed
	$(PY) -m truyenthong.assistant.quality

clean:
	rm -rf $(VENV) *.egg-info node_modules $(VENDOR)
