# Two commands do all set-up on a fresh machine:
#   make demo   create .venv, install disclint, lint the bundled sample draft
#   make test   create .venv, install disclint with test extras, run the tests
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.disclint-installed

.PHONY: demo test venv bench model fixtures clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/disclint lint --fail-level none corpus/samples/sample_draft.docx

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Rebuild the directive model from corpus/ (deterministic) and print its test-split scores.
model: $(STAMP)
	$(BIN)/python -m disclint.mapper.training

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
