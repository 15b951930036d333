# The everyday commands; each works from a fresh checkout once `make setup` has run.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup check guard test test-fast bench

# The virtual environment, with the kiosk installed editable and the test tools
setup:
	python3 -m venv $(VENV) && $(PY) -m pip install -q -e '.[test]'

# Lint, format, types and the layers' boundaries, as CI runs them
check:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The speed guard CI runs: start-up and memory against the floor, with a margin (about 20 s)
guard:
	$(PY) benchmarks/guard.py

# The whole suite, the soak, the pty and the browser tests included
test:
	$(PY) -m pytest -n auto

# The everyday run: everything but the tests marked slow
test-fast:
	$(PY) -m pytest -n auto -m "not slow"

# The performance measures against a bare Textual app (about 5 minutes)
bench:
	$(PY) benchmarks/run.py
