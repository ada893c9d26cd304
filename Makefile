# The README's two commands: `make run` and `make test`. Each sets up what it needs itself.
VENV ?= .venv
PORT ?= 8000
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The web viewer's front-end libraries come from the npm registry, never from a CDN at run time.
VENDOR := src/codedoc/service/web/static/vendor
ASSETS := $(VENDOR)/.installed
NPM_MODULES := web/node_modules
# The browser tests drive Debian's Chromium.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup assets browser run test lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

$(ASSETS): web/package.json web/package-lock.json web/.npmrc
	command -v npm >/dev/null || ($(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm)
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp $(NPM_MODULES)/mermaid/dist/mermaid.min.js $(VENDOR)/mermaid.min.js
	cp $(NPM_MODULES)/mermaid/LICENSE $(VENDOR)/mermaid.LICENSE
	cp $(NPM_MODULES)/@highlightjs/cdn-assets/highlight.min.js $(VENDOR)/highlight.min.js
	cp $(NPM_MODULES)/@highlightjs/cdn-assets/styles/github.min.css $(VENDOR)/highlight-light.css
	cp $(NPM_MODULES)/@highlightjs/cdn-assets/styles/github-dark.min.css $(VENDOR)/highlight-dark.css
	cp $(NPM_MODULES)/@highlightjs/cdn-assets/LICENSE $(VENDOR)/highlight.LICENSE
	cp $(NPM_MODULES)/swagger-ui-dist/swagger-ui-bundle.js $(VENDOR)/swagger-ui-bundle.js
	cp $(NPM_MODULES)/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui.css
	cp $(NPM_MODULES)/swagger-ui-dist/favicon-32x32.png $(VENDOR)/swagger-favicon.png
	cp $(NPM_MODULES)/swagger-ui-dist/LICENSE $(VENDOR)/swagger-ui.LICENSE
	# ReDoc's sidebar loads its maker's logo from cdn.redoc.ly: point it at an empty data: URL (the
	# image then hides itself), so /redoc makes no request outside the service.
	sed 's#https://cdn.redoc.ly/redoc/logo-mini.svg#data:,#g' $(NPM_MODULES)/redoc/bundles/redoc.standalone.js > $(VENDOR)/redoc.standalone.js
	cp $(NPM_MODULES)/redoc/LICENSE $(VENDOR)/redoc.LICENSE
	touch $(ASSETS)

$(CHROMIUM):
	$(SUDO) apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

setup: $(STAMP) $(ASSETS)

assets: $(ASSETS)

browser: $(CHROMIUM)

# Documents CodeDoc's own source into site/, then starts the service (API + worker) on the embedded defaults.
run: setup
	$(VENV)/bin/codedoc generate . -o site
	@echo "Documentation of CodeDoc itself written to site/ (cd site && ../$(VENV)/bin/mkdocs serve)"
	@echo "Starting the service: open http://127.0.0.1:$(PORT)/ in a browser"
	$(VENV)/bin/codedoc serve --host 127.0.0.1 --port $(PORT)

test: setup browser
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
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache $(VENDOR) $(NPM_MODULES)
