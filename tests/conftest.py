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


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """Every test runs with an in-memory keyring; the dict holds what was stored."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    store: dict[tuple[str, str], str] = {}

    class _Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return store.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            store[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if store.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    previous = keyring.get_keyring()
    keyring.set_keyring(_Backend())
    yield store
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(memory_keyring: dict[tuple[str, str], str]) -> Iterator[None]:
    """The machine has no keyring at all (keyring's fail backend), as on this CI machine."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    yield
