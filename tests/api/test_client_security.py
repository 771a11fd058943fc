"""The key stays secret on every path, and proxies are honoured."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from tests.api.conftest import MODEL, Inputs, make_client
from tests.api.recording_proxy import RecordingProxy
from tests.fakeserver.faults import DropRule, ErrorBurst
from tests.fakeserver.server import FakeDashScope
from xpaint_desktop.api import DashScopeClient, TaskStatus
from xpaint_desktop.errors import ConfigError, XPaintError


def chain_text(exc: BaseException) -> str:
    parts = []
    seen: BaseException | None = exc
    while seen is not None:
        parts += [str(seen), repr(seen), repr(getattr(seen, "args", ()))]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def test_the_key_appears_in_no_error_and_no_log_record(
    fake_server: FakeDashScope,
    inputs: Inputs,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    key = fake_server.api_key
    wrong = "sk-wrong-but-also-secret-42"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/api/v1"
    faults = fake_server.faults
    path = "image-synthesis"
    raised: list[XPaintError] = []

    def expect_error(action: object) -> None:
        with pytest.raises(XPaintError) as info:
            action()  # type: ignore[operator]
        raised.append(info.value)

    with make_client(fake_server, max_retries=1) as c:
        create = lambda: c.create_task(MODEL, "p", inputs.base_url, inputs.mask_url)  # noqa: E731
        faults.error_burst = ErrorBurst(count=5, status=429, code="Throttling", path_contains=path)
        expect_error(create)
        faults.error_burst = ErrorBurst(count=5, status=500, path_contains=path)
        expect_error(create)
        faults.error_burst = ErrorBurst(count=1, status=504, code="", path_contains=path)
        expect_error(create)
        faults.drop_next = DropRule(path_contains=path, after_processing=True)
        expect_error(create)
        faults.reject_content = ("p",)
        expect_error(create)
        faults.reject_content = ()
        expect_error(lambda: c.create_task(MODEL, "p", "ftp://x", "ftp://y"))
        expect_error(lambda: c.cancel_task("no-such-task"))
        faults.error_burst = ErrorBurst(count=5, status=400, code="X", path_contains="/oss")
        expect_error(lambda: c.upload(b"data", "f.png", MODEL))
        expect_error(lambda: c.download(fake_server.root_url + "/results/x/0.png", tmp_path / "x"))
        faults.latency_s = 0.3
        with make_client(fake_server, timeout=0.1, max_retries=0) as slow:
            expect_error(lambda: slow.get_task("t"))
        faults.latency_s = 0.0
    with make_client(fake_server, api_key=wrong) as bad:
        expect_error(bad.check_connection)
        expect_error(lambda: bad.get_task("t"))
    with DashScopeClient(key, dead, max_retries=0) as unreachable:
        expect_error(lambda: unreachable.get_task("t"))
    with pytest.raises(ConfigError) as info:
        DashScopeClient(key + "\nX-Injected: 1", fake_server.base_url)
    raised.append(info.value)

    assert len(raised) == 14
    assert len({type(e) for e in raised}) >= 7
    for exc in raised:
        text = chain_text(exc)
        assert key not in text and wrong not in text, text
    assert caplog.records
    assert key not in caplog.text and wrong not in caplog.text


@pytest.mark.parametrize("bad", ["", "   ", "sk-abc def", "sk-中文", "sk-abc\r\nX-Header: 1"])
def test_unusable_keys_are_refused_up_front(bad: str) -> None:
    with pytest.raises(ConfigError) as info:
        DashScopeClient(bad, "http://127.0.0.1:9/api/v1")
    assert "Preferences" in info.value.message
    if bad.strip():
        assert bad.strip() not in info.value.message


def test_explicit_proxy_carries_every_request(
    fake_server: FakeDashScope, inputs: Inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # a dead proxy: must not be used
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with RecordingProxy() as proxy, make_client(fake_server, proxy=proxy.url) as c:
        task = c.create_task(MODEL, "a hat", inputs.base_url, inputs.mask_url)
        done = c.wait(task.task_id)
        c.download(done.results[0].url or "", tmp_path / "r.png")
        c.upload(b"bytes", "p.png", MODEL)
        seen = proxy.seen
    paths = [url.removeprefix(fake_server.root_url) for _, url in seen]
    assert [m for m, _ in seen] == ["POST", "GET", "GET", "GET", "POST"]
    assert paths[0] == "/api/v1/services/aigc/image2image/image-synthesis"
    assert paths[1] == f"/api/v1/tasks/{task.task_id}"
    assert paths[2].startswith("/results/") and paths[3].startswith("/api/v1/uploads?")
    assert paths[4] == "/oss"
    assert done.status is TaskStatus.SUCCEEDED


def test_proxy_from_the_environment_when_none_is_given(
    fake_server: FakeDashScope, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with RecordingProxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        with make_client(fake_server) as c:
            assert c.get_task("t-env").status is TaskStatus.UNKNOWN
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        with make_client(fake_server) as c:
            c.get_task("t-direct")
        seen = proxy.seen
    assert seen == [("GET", fake_server.base_url + "/tasks/t-env")]
