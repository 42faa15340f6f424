"""Run one command in a fresh interpreter and report its wall time and peak RSS.

usage: python benchmarks/_measure.py disclint ARGS...   |   python benchmarks/_measure.py baseline PDF
Prints one JSON line on stderr: {"wall_s": ..., "peak_rss_mb": ...}.
"""

import json
import resource
import sys
import time

t0 = time.perf_counter()
status = 0
try:
    if sys.argv[1] == "baseline":
        # the floor for any GiNZA-based tool: load the model and extract the text
        import pypdfium2
        import spacy

        spacy.load("ja_ginza")
        pdf = pypdfium2.PdfDocument(sys.argv[2])
        chars = 0
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_range())
            tp.close()
            page.close()
        pdf.close()
    else:
        from disclint.cli import main

        try:
            main(sys.argv[2:])
        except SystemExit as exc:
            status = exc.code or 0
finally:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall_s": round(time.perf_counter() - t0, 3), "peak_rss_mb": round(rss, 1), "status": status}), file=sys.stderr)
