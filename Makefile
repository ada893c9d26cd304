# The README's two commands: `make run` and `make test`. Each sets up what it needs itself.
VENV ?= .venv
PORT ?= 8000
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Documents CodeDoc's own source into site/, then starts the service (API + worker) on the embedded defaults.
run: setup
	$(VENV)/bin/codedoc generate . -o site
	@echo "Documentation of CodeDoc itself written to site/ (cd site && ../$(VENV)/bin/mkdocs serve)"
	$(VENV)/bin/codedoc serve --host 127.0.0.1 --port $(PORT)

test: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/pipeline_speed.py .
	$(PY) benchmarks/api_load.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
