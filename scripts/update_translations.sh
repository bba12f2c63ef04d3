#!/bin/sh
# Refresh the translation sources from the code and compile them for the app.
#   1. pyside6-lupdate reads every self.tr / QT_TRANSLATE_NOOP / translate call under ui/
#      and merges new strings into resources/i18n/screener_<lang>.ts (existing
#      translations are kept; strings gone from the code are dropped);
#   2. translators fill in the new strings (Qt Linguist: pyside6-linguist <file>.ts);
#   3. pyside6-lrelease compiles each .ts into the .qm that ui/i18n.py loads.
# Run from anywhere; uses the project's virtualenv when present.
set -eu
cd "$(dirname "$0")/.."
BIN="${SCREENER_VENV:-.venv}/bin"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$(dirname "$(command -v pyside6-lupdate)")"
SOURCES=$(find ui -name '*.py' | sort)
for ts in resources/i18n/screener_*.ts; do
    # English is the source language: its file holds only the plural forms of "%n" strings
    # ("%n party(ies)" -> "1 party" / "17 parties"), as Qt's plural handling expects.
    only=""; [ "$ts" = resources/i18n/screener_en.ts ] && only="-pluralonly"
    "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none $only $SOURCES -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
    left=$(grep -c 'type="unfinished"' "$ts" || true)
    [ "$left" -eq 0 ] || echo "$ts: $left string(s) still to translate (tests/ui/test_i18n.py fails until done)" >&2
done
echo "translations updated: $(ls resources/i18n/*.qm | tr '\n' ' ')"
