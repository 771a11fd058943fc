#!/usr/bin/env bash
# Builds the one-folder bundle dist/xpaint-desktop/ from this checkout.
# Compiles the translations first (so the bundle always carries .qm files that match the .ts
# sources), then runs PyInstaller with packaging/xpaint-desktop.spec.
# Environment: PYTHON_VENV (default .venv), XPAINT_BUNDLE_NAME / XPAINT_BUNDLE_ICON (see the spec).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${PYTHON_VENV:-.venv}"
BIN="$VENV/bin"
[ -x "$BIN/pyinstaller" ] || { echo "error: $BIN/pyinstaller not found; run scripts/setup.sh and install the 'bundle' extra (pip install -e '.[bundle]')" >&2; exit 2; }

for ts in resources/i18n/*.ts; do
    [ -e "$ts" ] || continue
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done

"$BIN/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/xpaint-desktop.spec
echo "built dist/${XPAINT_BUNDLE_NAME:-xpaint-desktop}/" >&2
