# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= true

.PHONY: run test venv test-venv system-deps bench load messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

test-venv: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt

## Set up and serve the app with demo data on an SQLite file, http://127.0.0.1:8000
run: venv
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
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

## Load test: gunicorn on PostgreSQL, concurrent users marking attendance (DATABASE_URL must be PostgreSQL).
load: test-venv
	$(BIN)/python -m tests.load.drive --users $${LOAD_USERS:-40} --seconds $${LOAD_SECONDS:-60}

## Refresh every Arabic catalogue and compile it.
messages: test-venv
	$(BIN)/python manage.py makemessages -l ar --no-obsolete -i staticfiles -i static -i tests
	$(BIN)/python manage.py compilemessages -i .venv
