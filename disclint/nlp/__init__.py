"""GiNZA loading and the two NLP stages the mapper uses.

- ``tokenize``: SudachiPy through ja_ginza's tokenizer only (≈ 20–80 k chars/s): lemmas,
  normalised forms and part-of-speech tags, enough for features and token patterns.
- ``parse``: tok2vec + dependency parser (≈ 4 k chars/s) for the few sentences where
  syntax changes the answer (is a measure negated or only planned?).

The model is loaded once per process, lazily, without ``ner`` (unused). Inputs are always
chunked under SudachiPy's 49,149-byte limit, and ``parse`` runs in small batches because a
Doc costs ≈ 67 KB per token.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from ..text.segment import chunk_spans

MODEL_NAME = "ja_ginza"
PARSE_PIPES = ("tok2vec", "parser")
PARSE_BATCH = 16

_lock = threading.Lock()
_nlp = None


def load():
    """Return the shared spaCy pipeline (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                nlp = spacy.load(MODEL_NAME, exclude=["ner"])
                # Split mode C makes spaCy's Japanese tokenizer also split every token into
                # its A/B units for GiNZA's compound_splitter, which we never run: ≈ 40 % of
                # tokenising time (0.23 -> 0.13 s on the screened text of a 117-page 有報).
                if getattr(nlp.tokenizer, "need_subtokens", False):
                    nlp.tokenizer.need_subtokens = False
                _nlp = nlp
    return _nlp


def preload(now: bool = False) -> None:
    """Load the model ahead of its first use (idempotent).

    ``now``: load it here, in the calling thread: for callers whose input is being read by
    another process (:mod:`disclint.readers.readahead`). Otherwise start a background thread,
    which overlaps with reading in this process only where the reader releases the GIL;
    ``load()`` waits for the thread.
    """
    if now:
        load()
    elif _nlp is None and not _lock.locked():
        threading.Thread(target=load, name="disclint-nlp-preload", daemon=True).start()


def tokenize(text: str):
    """Tokenise ``text`` (any length) into one Doc, chunking under the SudachiPy limit."""
    nlp = load()
    spans = chunk_spans(text)
    if len(spans) <= 1:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    return Doc.from_docs([nlp.make_doc(text[s:e]) for s, e in spans], ensure_whitespace=False)


def parse(texts: Iterable[str]) -> Iterator:
    """Dependency-parse short texts (sentences) in bounded batches."""
    nlp = load()
    enabled = [p for p in PARSE_PIPES if p in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled):
        yield from nlp.pipe(texts, batch_size=PARSE_BATCH)
