"""atheris harness for the docx reader: `python fuzz/fuzz_docx.py CORPUS_DIR SEED_DIR [libFuzzer options]`.

See fuzz/_harness.py (what counts as a crash) and docs/hardening.md (how to run, results).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402

if __name__ == "__main__":
    main("docx", ".docx")
