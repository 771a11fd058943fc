#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs every check: lint, format, type check, the test suite,
# the quick benchmarks (they must run; their figures go to benchmarks/results/quick.json) and
# the bundle check. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff" >&2
ruff check xpaint_desktop tests benchmarks packaging
ruff format --check xpaint_desktop tests benchmarks packaging
echo "== mypy" >&2
mypy
echo "== pytest" >&2
QT_QPA_PLATFORM=offscreen python -m pytest "$@"
echo "== benchmarks (quick; reported, never a wall-clock failure)" >&2
mkdir -p benchmarks/results
timeout 600 python -m benchmarks --quick --json >benchmarks/results/quick.json
echo "== bundle check (clean clone, PyInstaller build, bundled --selftest)" >&2
python packaging/check_bundle.py
