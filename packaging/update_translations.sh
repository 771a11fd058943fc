#!/usr/bin/env bash
# Refreshes the translation catalogues from the sources, then compiles them.
#   1. pyside6-lupdate scans every .py file under xpaint_desktop/ for tr(), translate() and
#      QT_TRANSLATE_NOOP(), plus the strings given to `_tr()` helpers (packaging/tr_wrappers.py),
#      and merges new strings into resources/i18n/xpaint_<lang>.ts
#      (strings that left the code stay as "vanished" and come back with their translation);
#   2. packaging/english_plurals.py writes the English forms of "%n job(s)" strings;
#   3. pyside6-lrelease compiles each .ts into the .qm file the program loads.
# Translate new strings with pyside6-linguist (or any .ts editor), then run this again.
# Both .ts and .qm files are committed, so a plain checkout runs translated.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PYTHON_VENV:-.venv}/bin"
LANGUAGES=(zh_CN en)

mapfile -t SOURCES < <(find xpaint_desktop -name '*.py' -not -path '*/__pycache__/*' | sort)
# Strings given to `_tr("...")` helpers, which lupdate cannot see, as QT_TRANSLATE_NOOP lines.
MARKERS="$(mktemp -d)/tr_wrappers.py"
trap 'rm -rf "$(dirname "$MARKERS")"' EXIT
"$BIN/python" packaging/tr_wrappers.py "$MARKERS" xpaint_desktop
SOURCES+=("$MARKERS")
for lang in "${LANGUAGES[@]}"; do
    ts="resources/i18n/xpaint_${lang}.ts"
    "$BIN/pyside6-lupdate" -silent -locations none \
        -source-language en -target-language "$lang" "${SOURCES[@]}" -ts "$ts"
done
"$BIN/python" packaging/english_plurals.py resources/i18n/xpaint_en.ts
for lang in "${LANGUAGES[@]}"; do
    ts="resources/i18n/xpaint_${lang}.ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
echo "updated: resources/i18n/xpaint_{zh_CN,en}.ts and .qm" >&2
