#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and starts xpaint-desktop. With no display it runs the sample job
# headless through the offline engine and prints where the result is. Arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m xpaint_desktop "$@"
