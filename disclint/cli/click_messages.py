"""Japanese for click's own messages (usage line, help headings, usage errors) through gettext.

click marks its messages for translation and looks them up with the standard library's classic
gettext API (``gettext.gettext`` / ``gettext.ngettext``): the current text domain, its bound
directory, and the language the environment asks for (``LANGUAGE``, then ``LC_ALL``,
``LC_MESSAGES``, ``LANG``). disclint ships a catalogue for it, text domain ``disclint-click`` in
``locale/ja/LC_MESSAGES/`` next to this module (the .po is the source, the .mo is compiled by
``tools/build_click_catalogue.sh``). :func:`click_language` makes it current for one run with
gettext's public calls (``bindtextdomain``, ``textdomain``) and ``LANGUAGE=ja``, and afterwards
puts the previous domain and ``LANGUAGE`` back (the binding of its own domain may stay). Nothing
of click is patched: a newer click only loses the Japanese of messages it renamed (they are shown
in English; ``tests/test_click_messages.py`` notices).

disclint chooses its language from ``--lang`` / ``DISCLINT_LANG``, not from the locale, hence
``LANGUAGE`` is set rather than read: it is the variable gettext consults first.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "disclint-click"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """click's own messages in ``lang`` while the block runs: Japanese from the catalogue; for any
    other language nothing changes (click's built-in English)."""
    if lang != "ja":
        yield
        return
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = "ja"
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
