#!/bin/sh
# Regenerate the bundled sample draft and its LibreOffice test fixtures from the markdown
# source, so that none of the committed binary files has to be taken on trust:
#
#   corpus/samples/sample_draft.docx              python-docx  (tools/sample_docx.py)
#   tests/fixtures/sample_draft.libreoffice.docx  LibreOffice: the python-docx file saved again
#                                                 as "MS Word 2007 XML"
#   tests/fixtures/sample_draft.libreoffice.pdf   LibreOffice: the python-docx file as PDF
#
# Needs LibreOffice with Writer and Japanese fonts; on Debian/Ubuntu:
#   apt-get install libreoffice-writer-nogui fonts-noto-cjk
# (poppler-utils is useful to check the result: pdftotext, pdftoppm.)
#
# Usage (from anywhere):  tools/build_fixtures.sh      PYTHON=... to choose the interpreter.
# LibreOffice output is not byte-for-byte reproducible (timestamps, ids); the tests only
# compare the python-docx file's text and styles with the markdown.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-"$ROOT/.venv/bin/python"}
[ -x "$PYTHON" ] || PYTHON=python3
SOFFICE=${SOFFICE:-soffice}
command -v "$SOFFICE" >/dev/null 2>&1 || {
    echo "build_fixtures.sh: '$SOFFICE' not found (apt-get install libreoffice-writer-nogui fonts-noto-cjk)" >&2
    exit 1
}

SRC="$ROOT/corpus/samples/sample_draft.md"
DOCX="$ROOT/corpus/samples/sample_draft.docx"
FIX="$ROOT/tests/fixtures"
mkdir -p "$FIX"

cd "$ROOT"
"$PYTHON" "$ROOT/tools/sample_docx.py" "$SRC" "$DOCX"
echo "built $DOCX"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a private LibreOffice profile: no clash with a running instance or another build
PROFILE="-env:UserInstallation=file://$TMP/profile"
mkdir "$TMP/in" "$TMP/docx" "$TMP/pdf"
cp "$DOCX" "$TMP/in/sample_draft.docx"

"$SOFFICE" "$PROFILE" --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$TMP/docx" "$TMP/in/sample_draft.docx" >/dev/null
"$SOFFICE" "$PROFILE" --headless --convert-to pdf --outdir "$TMP/pdf" "$TMP/in/sample_draft.docx" >/dev/null

cp "$TMP/docx/sample_draft.docx" "$FIX/sample_draft.libreoffice.docx"
cp "$TMP/pdf/sample_draft.pdf" "$FIX/sample_draft.libreoffice.pdf"
echo "built $FIX/sample_draft.libreoffice.docx"
echo "built $FIX/sample_draft.libreoffice.pdf"
