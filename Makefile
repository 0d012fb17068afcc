# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= true

.PHONY: run test venv test-venv system-deps bench load messages lock fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Install exactly the lock (every package pinned, nothing resolved on the way); pip check
# fails if the lock misses a dependency. requirements*.txt list the direct ones, for `make lock`.
venv: $(BIN)/python
	$(BIN)/pip install --quiet --no-deps -r requirements.lock
	$(BIN)/pip check

test-venv: $(BIN)/python
	$(BIN)/pip install --quiet --no-deps -r requirements-test.lock
	$(BIN)/pip check

## Set up and serve the app with demo data on an SQLite file, http://127.0.0.1:8000, with a jobs worker
run: venv
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	@# The web server and a worker of the background jobs (README) together; Ctrl+C stops both.
	$(BIN)/python manage.py db_worker --no-startup-delay --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## System packages the tests need: Chromium, WeasyPrint's Pango, poppler (installs as root).
system-deps:
	@bash .ci/system-deps

## Set up and run the whole test suite (DATABASE_URL picks PostgreSQL; SQLite otherwise).
test: system-deps test-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

## Benchmarks at full size on PostgreSQL (see README).
bench: test-venv
	BENCH_SCALE=$${BENCH_SCALE:-1} $(BIN)/pytest tests/bench -m bench -s -p no:randomly

## Fuzz every page's query string and the main forms at a large budget (CI runs a small one).
fuzz: test-venv
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(BIN)/pytest tests/test_fuzz_urls.py tests/trust -p no:randomly -q

## Load test: gunicorn on PostgreSQL, concurrent users marking attendance (DATABASE_URL must be PostgreSQL).
load: test-venv
	$(BIN)/python -m tests.load.drive --users $${LOAD_USERS:-40} --seconds $${LOAD_SECONDS:-60} \
		$${LOAD_EXPORT_SCALE:+--export-scale $$LOAD_EXPORT_SCALE}

## Refresh every Arabic catalogue and compile it.
messages: test-venv
	$(BIN)/python manage.py makemessages -l ar --no-obsolete -i staticfiles -i static -i tests
	$(BIN)/python manage.py compilemessages -i .venv

## Pin the dependencies again after editing requirements*.txt (pip-tools in a throwaway venv).
LOCK_VENV ?= /tmp/capacity-lock-venv
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	--no-emit-trusted-host
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet pip-tools
	$(COMPILE) --output-file requirements.lock requirements.txt
	$(COMPILE) --constraint requirements.lock --output-file requirements-test.lock requirements-test.txt
