"""The log file: where it is, that it rotates, and that the API key never reaches it."""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from xpaint_desktop import APP_NAME, logs
from xpaint_desktop.paths import log_dir

KEY = "sk-4f9c2a7e1b3d4c5e8f60718293a4b5c6"
ODD_KEY = "Zq8!secret-from-keyring"  # a stored key without the usual shape


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in root.handlers:
        if h not in handlers:
            h.close()
    root.handlers[:] = handlers
    for h in handlers:
        h.filters = [f for f in h.filters if not isinstance(f, logs.RedactingFilter)]
    root.setLevel(level)
    logs.forget_secrets()


def _flush() -> None:
    for h in logging.getLogger().handlers:
        h.flush()


def test_log_file_lives_in_the_log_folder() -> None:
    path = logs.setup_logging()
    logging.getLogger("xpaint_desktop.test").info("hello log")
    _flush()
    assert path.parent == log_dir()
    assert logs.current_log_file() == path
    assert "hello log" in path.read_text(encoding="utf-8")


def test_httpx_request_with_the_key_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHSCOPE_API_KEY", KEY)
    path = logs.setup_logging(verbose=True)
    request = httpx.Request(
        "GET",
        f"https://dashscope.aliyuncs.com/api/v1/uploads?action=getPolicy&api_key={KEY}",
        headers={"Authorization": f"Bearer {KEY}", "X-DashScope-Async": "enable"},
    )
    log = logging.getLogger("xpaint_desktop.api.client")
    log.debug("request %s %s headers=%s", request.method, request.url, dict(request.headers))
    log.info("key in a dict: %r", {"api_key": KEY})
    _flush()
    text = path.read_text(encoding="utf-8")
    assert KEY not in text
    assert KEY[3:] not in text
    assert "Bearer ***" in text
    assert "uploads?action=getPolicy" in text  # the useful part of the record stays


def test_registered_key_of_any_shape_is_redacted() -> None:
    logs.register_secret(ODD_KEY)
    path = logs.setup_logging()
    logging.getLogger("xpaint_desktop.keys").warning("stored key %s in use", ODD_KEY)
    _flush()
    text = path.read_text(encoding="utf-8")
    assert ODD_KEY not in text
    assert "stored key *** in use" in text


def test_traceback_with_the_key_is_redacted() -> None:
    logs.register_secret(ODD_KEY)
    path = logs.setup_logging()
    try:
        raise RuntimeError(f"server refused header Authorization: Bearer {ODD_KEY}")
    except RuntimeError:
        logging.getLogger("xpaint_desktop.ui.worker").exception("job failed")
    _flush()
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError: server refused header" in text
    assert ODD_KEY not in text


def test_handlers_installed_before_get_the_filter_too() -> None:
    stream = io.StringIO()
    earlier = logging.StreamHandler(stream)
    logging.getLogger().addHandler(earlier)
    logs.setup_logging()
    logging.getLogger("xpaint_desktop").warning("token sk-abcdef0123456789 leaked?")
    assert "sk-abcdef0123456789" not in stream.getvalue()
    assert "sk-***" in stream.getvalue()


def test_ordinary_text_is_left_alone() -> None:
    text = "job 12: done (3.2 s) /home/anna/photos/desk-sketch.png size=1024*1024"
    assert logs.redact(text) == text


def test_calling_setup_twice_does_not_duplicate_records() -> None:
    logs.setup_logging()
    path = logs.setup_logging()
    logging.getLogger("xpaint_desktop").info("only once")
    _flush()
    assert path.read_text(encoding="utf-8").count("only once") == 1


def test_log_file_rotates() -> None:
    path = logs.setup_logging()
    log = logging.getLogger("xpaint_desktop.rotation")
    line = "x" * 200
    for _ in range(logs.MAX_LOG_BYTES // 200 + 100):
        log.info(line)
    _flush()
    backup = path.with_name(path.name + ".1")
    assert backup.exists()
    assert path.stat().st_size <= logs.MAX_LOG_BYTES


def test_qt_messages_go_to_the_log_file_not_the_terminal(
    capfd: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from xpaint_desktop.ui.crash import route_qt_messages

    path = logs.setup_logging()
    route_qt_messages()
    try:
        qWarning("This plugin does not support propagateSizeHints()")
    finally:
        qInstallMessageHandler(None)
    _flush()
    assert "propagateSizeHints" in path.read_text(encoding="utf-8")
    assert "propagateSizeHints" not in capfd.readouterr().err


# -- where the file may go: the person's own folder, never a shared or planted path ----


def _log(text: str) -> None:
    logging.getLogger("xpaint_desktop.test").warning(text)
    for h in logging.getLogger().handlers:
        h.flush()


def test_a_planted_symlink_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    log_dir().mkdir(parents=True, exist_ok=True)
    (log_dir() / logs.LOG_FILE_NAME).symlink_to(victim)
    logs.setup_logging()
    _log("should not land in the victim")
    assert victim.read_text() == "precious\n"
    assert "symbolic link" in capsys.readouterr().err


def test_the_file_handler_refuses_a_symlink_planted_after_start(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    path = logs.setup_logging()
    path.unlink(missing_ok=True)
    path.symlink_to(victim)  # planted between start-up and the first record (delay=True)
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logs._FileHandler))
    with pytest.raises(OSError):
        handler._open()
    assert victim.read_text() == "precious\n"


def test_no_shared_fallback_when_the_log_folder_cannot_be_made(
    _isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "logs").write_text("a file where the folder should be")
    shared = Path(tempfile.gettempdir()) / f"{APP_NAME}-logs"
    existed = shared.exists()
    logs.setup_logging()
    _log("to stderr only")
    assert shared.exists() == existed
    assert not any(isinstance(h, logs._FileHandler) for h in logging.getLogger().handlers)
    assert "no log file" in capsys.readouterr().err
