"""The bundle check as a test: clean clone, PyInstaller build, bundled `--selftest` exits 0.

It takes about half a minute, so it runs only when asked for: `pytest -m bundle` (or with
`XPAINT_BUNDLE_CHECK=1`). The measured size and start-up time are printed (`pytest -s`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _asked_for(config: pytest.Config) -> bool:
    return "bundle" in (config.getoption("markexpr") or "") or bool(
        os.environ.get("XPAINT_BUNDLE_CHECK")
    )


@pytest.mark.bundle
def test_bundle_builds_from_a_clean_clone_and_passes_selftest(
    request: pytest.FixtureRequest,
) -> None:
    if not _asked_for(request.config):
        pytest.skip("slow: run with `pytest -m bundle` or XPAINT_BUNDLE_CHECK=1")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "check_bundle.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    sys.stdout.write(result.stdout)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "bundle OK" in result.stdout
    assert "size:" in result.stdout and "start-up" in result.stdout
