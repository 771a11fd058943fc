"""Test-wide set-up: Qt offscreen, a private library/config per test, a test keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakeserver.faults import Faults
from tests.fakeserver.server import FakeDashScope

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


FAKE_API_KEY = "sk-test-0123456789"


@pytest.fixture
def fake_server() -> Iterator[FakeDashScope]:
    """A started DashScope stand-in on a free loopback port; tasks finish at once."""
    with FakeDashScope(api_key=FAKE_API_KEY, faults=Faults(task_seconds=0.0)) as server:
        yield server


@pytest.fixture
def fake_server_env(
    fake_server: FakeDashScope, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeDashScope]:
    """`fake_server`, with DASHSCOPE_HTTP_BASE_URL and DASHSCOPE_API_KEY pointing at it."""
    monkeypatch.setenv("DASHSCOPE_HTTP_BASE_URL", fake_server.base_url)
    monkeypatch.setenv("DASHSCOPE_API_KEY", fake_server.api_key)
    yield fake_server
