# make run / make test work on a fresh machine: they create .venv and install the project first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run test bench lint format calibrate docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(VENV)/bin/loslaten dashboard

# The browser for the dashboard's browser test; if it cannot be installed, that test skips
# locally and fails under CI=true.
test: install
	-./scripts/install-browser.sh
	$(PY) -m pytest

bench: install
	$(PY) -m benchmarks

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

calibrate: install
	$(PY) scripts/calibrate_baseline.py

docs: install
	$(PY) scripts/document.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
