"""Test-wide set-up: Qt offscreen, a private library/config per test, a test keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own library, config and cache folders, and no real API key."""
    home = tmp_path / "xpaint-home"
    monkeypatch.setenv("XPAINT_HOME", str(home))
    monkeypatch.setenv("XPAINT_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.delenv("DASHSCOPE_HTTP_BASE_URL", raising=False)
    yield home


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR
