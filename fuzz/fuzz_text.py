"""atheris harness for the plain-text and Markdown readers: `python fuzz/fuzz_text.py CORPUS_DIR SEED_DIR [options]`.

Each input is read as ``.txt`` by the text reader and as ``.md`` by the Markdown reader.
See fuzz/_harness.py (what counts as a crash) and docs/hardening.md (how to run, results).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _harness import main  # noqa: E402

if __name__ == "__main__":
    main("text", ".txt")
