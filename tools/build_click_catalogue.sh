#!/bin/sh
# Compile the Japanese catalogue of click's own messages (text domain "disclint-click"):
#
#   disclint/cli/locale/ja/LC_MESSAGES/disclint-click.po  ->  disclint-click.mo (next to it)
#
# Both files are committed; the .mo ships in the wheel (setup.cfg package_data) and is what
# Python's gettext reads at run time, so neither an install nor `make demo` needs this script.
# Run it after editing the .po. It uses GNU msgfmt, the reference compiler of the format
# (Debian/Ubuntu: apt-get install gettext); --check also verifies the header, the plural forms
# and that every {placeholder} / %(name)s of a msgid is kept in its msgstr.
# tests/test_click_messages.py checks that the committed .mo says what the .po says.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MSGFMT=${MSGFMT:-msgfmt}
command -v "$MSGFMT" >/dev/null 2>&1 || {
    echo "build_click_catalogue.sh: '$MSGFMT' not found (apt-get install gettext)" >&2
    exit 1
}
DIR="$ROOT/disclint/cli/locale/ja/LC_MESSAGES"
"$MSGFMT" --check --statistics --output-file="$DIR/disclint-click.mo" "$DIR/disclint-click.po"
echo "built $DIR/disclint-click.mo"
