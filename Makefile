# The README's two commands: `make run` and `make test`. Each sets up what it needs itself.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(VENV)/bin/codedoc generate . -o site
	@echo "Documentation written to site/ — open site/docs/index.md, or: cd site && ../$(VENV)/bin/mkdocs serve"

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

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
