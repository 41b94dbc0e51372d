# make run / make test work on a fresh machine: they create .venv and install the project first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run test check bench lint format calibrate docs answers clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(VENV)/bin/loslaten dashboard

# Tests run on every core (pytest-xdist), a file's tests on one worker (tests/conftest.py).
XDIST := -n auto --dist loadfile

# Every test. The browser for the dashboard's browser test; if it cannot be installed, that test
# skips locally and fails under CI=true.
test: install
	-./scripts/install-browser.sh
	$(PY) -m pytest $(XDIST)

# The inner loop: every test not marked slow, in about a minute.
check: install
	$(PY) -m pytest $(XDIST) -m "not slow" -q

bench: install
	$(PY) -m benchmarks
	$(PY) -m benchmarks.scaling
	$(PY) -m benchmarks.floor

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

# The answers the dashboard ships (dashboards/answers/): after a change to the model.
answers: install
	$(PY) scripts/answers.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
