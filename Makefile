# The two commands: `make run` (set up and serve) and `make test` (set up and test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format messages install serve-setup clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $@

serve-setup: install
	mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py compile_translations
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_plan
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_reference_data
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_sample_data
	DJANGO_DEBUG=1 $(BIN)/python manage.py create_demo_accounts

run: serve-setup
	@echo "一関市協働推進ポータル: http://$(HOST):$(PORT)/"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest

# Benchmarks (never timed tests): page rendering at 1× and 10× data, imports, throughput
# under gunicorn, a bounded load run (these two need wrk: apt-get install wrk), and the
# reporting season through the web (bench/season.py; --postgres runs it on PostgreSQL).
bench: install
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/season.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the English catalogue after changing UI text (needs GNU gettext).
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale en --no-obsolete --ignore ".venv/*" --ignore "var/*"
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale en --ignore ".venv/*"

clean:
	rm -rf $(VENV) var/static
