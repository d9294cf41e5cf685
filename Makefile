# Newsroom: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PYTHON ?= python3
UV := $(PYTHON) -m uv
MANAGE := .venv/bin/python manage.py
# Local runs read the development settings in .env (copied from .env.example below). Nothing
# else reads that file: a server started without DEBUG runs in production mode, and the test
# suite sets its own environment (tests/environment.py).
export NEWSROOM_ENV_FILE ?= $(CURDIR)/.env

.PHONY: install run test test-fast lint docs typecheck demo collectstatic screenshots bench clean

# uv comes from PyPI when it is missing; then one `uv sync` installs the locked dependencies.
install: .env
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen

.env:
	cp .env.example .env

# The task worker runs beside the dev server and stops with it (Ctrl-C ends both).
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

# The validator gate's axe-core and Nu HTML Checker come from npm (package-lock.json); without
# npm the gate skips locally and says so (CI installs npm and fails instead). A node_modules
# that is a link (a worktree sharing another checkout's) is left alone: `npm ci` through it
# would empty the folder every checkout linking to it uses.
node_modules: package.json package-lock.json
	@if [ -L node_modules ]; then echo "node_modules links to $$(readlink node_modules): not reinstalled here"; \
	elif command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts && touch node_modules; \
	else echo "npm not found: the validator gate (tests/gate) will be skipped"; fi

# The one command CI calls: the quick checks first (seconds each), then the suite.
test: install node_modules
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djhtml --check templates
	$(TYPECHECK)
	$(DOCS_BUILD)
	.venv/bin/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

# The suite runs on every core (pytest-xdist): each worker has its own test database, and the
# tests that share one Redis database run on one worker (`xdist_group`, --dist loadgroup).
# PARALLEL= runs it in one process (for a debugger, or -x on the first failure).
PARALLEL ?= -n auto --dist loadgroup

# The edit loop: everything but the browser tests and the validator gate (marker `browser`).
test-fast: install
	.venv/bin/python -m pytest $(PARALLEL) -m "not browser" $(PYTEST_ARGS)

lint:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .
	.venv/bin/djhtml templates

# The manual (docs/, Sphinx + MyST) into docs/_build/html. -E reads every page afresh, so every
# warning is reported on every run; -W makes a warning (a link to a page or heading that does
# not exist, a missing image, a page in no table of contents) an error. No network.
DOCS_BUILD := .venv/bin/sphinx-build -E -W --keep-going -q -b html docs docs/_build/html
docs: install
	$(DOCS_BUILD)

# mypy with django-stubs on the packages [tool.mypy] in pyproject.toml names.
TYPECHECK := .venv/bin/mypy
typecheck: install
	$(TYPECHECK)

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

collectstatic: install
	$(MANAGE) collectstatic --noinput

# The benchmark (bench/run.py): SQLite demo and a generated PostgreSQL archive, each page type
# under wrk, as ratios to a bare Django view. BENCH_ARGS="--stories 1000000" for the big one.
bench: install
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
	.venv/bin/python bench/run.py $(BENCH_ARGS)

# Serves a throwaway demo newsroom (its own SQLite file and media) and photographs it.
SHOTS := /tmp/newsroom-screenshots
screenshots: install
	rm -rf $(SHOTS) && mkdir -p $(SHOTS)
	export DEBUG=true DATABASE_URL=sqlite:///$(SHOTS)/db.sqlite3 MEDIA_ROOT=$(SHOTS)/media; \
	$(MANAGE) migrate --noinput -v0 && $(MANAGE) load_demo --quiet >/dev/null && \
	{ $(MANAGE) runserver 127.0.0.1:8765 --noreload >$(SHOTS)/server.log 2>&1 & echo $$! >$(SHOTS)/pid; } && \
	sleep 3 && .venv/bin/python docs/screenshots.py http://127.0.0.1:8765; \
	status=$$?; kill $$(cat $(SHOTS)/pid); exit $$status

clean:
	rm -rf .venv staticfiles docs/_build .mypy_cache
