# Two commands do all set-up on a fresh machine:
#   make demo   create .venv, install disclint, lint the bundled sample draft
#   make test   create .venv, install disclint with test extras, run the tests
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.disclint-installed

.PHONY: demo test venv sysdeps lint-code bench model fixtures clean fuzz

# Debian packages some tests drive for real: LibreOffice (docx/PDF/XLSX round trips), Japanese fonts,
# Chromium and its driver (HTML report in a real browser). Installed when missing and when we
# may (root with apt-get); otherwise those tests skip and say why.
# Calc as well as Writer: the self-assessment form (XLSX) is re-saved by LibreOffice in a test.
SYSDEPS_PKG := libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk chromium chromium-driver
sysdeps:
	@missing=""; for p in $(SYSDEPS_PKG); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing=1; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing $(SYSDEPS_PKG)"; \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSDEPS_PKG) >/dev/null; \
	fi; true

# --no-compile: pip byte-compiles every installed module (~10 s of its 32 s here); Python compiles
# the ones a run imports, on first use.
$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet --no-compile -e '.[test,survey]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/disclint lint --fail-level none corpus/samples/sample_draft.docx

# Static checks first (seconds): ruff (E, F, B, I, UP; formatted at 120 columns, see pyproject.toml)
# and mypy --strict on the analysis core, the mapper, the document/finding types and the PDF reader.
MYPY_STRICT := disclint/analysis disclint/mapper disclint/model \
	disclint/readers/pdf disclint/registry.py
lint-code: $(STAMP)
	$(BIN)/ruff check disclint
	$(BIN)/ruff format --check disclint
	$(BIN)/mypy --strict --follow-imports=silent --ignore-missing-imports $(MYPY_STRICT)

# The suite runs on every core (pytest-xdist, each worker loads GiNZA once): one worker more than
# the cores, at most 4, so that a core is not idle while a test waits on LibreOffice, Chromium, a
# Dask stall bound or a --timeout (2 cores: -n 2 169 s, -n 3 161 s, -n 4 164 s on a quiet machine).
TEST_WORKERS := $(shell n=$$(nproc 2>/dev/null || echo 1); n=$$((n + 1)); [ $$n -gt 4 ] && n=4; echo $$n)
test: $(STAMP) sysdeps lint-code
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

# Rebuild the directive model from corpus/ (deterministic) and print its test-split scores.
model: $(STAMP)
	$(BIN)/python -m disclint.mapper.training

# Fuzz every reader with atheris for FUZZ_SECONDS each, one after the other (not part of CI).
# Seeds are generated, crashes land in fuzz/.work/artifacts/<reader>/; see docs/hardening.md.
FUZZ_SECONDS ?= 3600
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	$(BIN)/python fuzz/make_seeds.py
	$(BIN)/python fuzz/run_all.py --seconds $(FUZZ_SECONDS)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info
