"""The crash handler: uncaught exceptions are logged (without the key) and shown, not lost."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from xpaint_desktop import logs
from xpaint_desktop.ui import crash

KEY = "sk-0123456789abcdef0123456789abcdef"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def reporter(qapp: object) -> Iterator[crash.CrashReporter]:
    hooks = sys.excepthook, threading.excepthook
    logs.setup_logging()
    handler = crash.install_crash_dialog()
    yield handler
    if handler.dialog is not None:
        handler.dialog.close()
        handler.dialog = None
    sys.excepthook, threading.excepthook = hooks


class UrlCatcher(QObject):
    """Receives the URLs QDesktopServices would hand to the file manager."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _raise_with_key() -> None:
    raise RuntimeError(f"upload refused, header Authorization: Bearer {KEY}")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_shows_the_report(qtbot: QtBot, reporter: crash.CrashReporter) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QTimer.singleShot(0, _raise_with_key)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    box = reporter.dialog
    assert box is not None
    assert str(logs.current_log_file()) in box.informativeText()
    assert "RuntimeError: upload refused" in box.detailedText()
    assert KEY not in box.detailedText()
    for h in logging.getLogger().handlers:
        h.flush()
    text = logs.current_log_file().read_text(encoding="utf-8")
    assert "Traceback" in text and "_raise_with_key" in text
    assert KEY not in text


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_reaches_the_window(
    qtbot: QtBot, reporter: crash.CrashReporter
) -> None:
    worker = threading.Thread(target=_raise_with_key, name="job-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    for h in logging.getLogger().handlers:
        h.flush()
    assert "uncaught exception in job-worker" in logs.current_log_file().read_text("utf-8")


@pytest.mark.qt_no_exception_capture
def test_open_log_folder_button_opens_the_folder(
    qtbot: QtBot, reporter: crash.CrashReporter
) -> None:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        QTimer.singleShot(0, _raise_with_key)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
        box = reporter.dialog
        assert box is not None
        button = next(b for b in box.buttons() if b.text() == "Open Log Folder")
        button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in catcher.urls] == [logs.current_log_file().parent]


@pytest.mark.qt_no_exception_capture
def test_a_storm_of_exceptions_shows_one_dialog(
    qtbot: QtBot, reporter: crash.CrashReporter
) -> None:
    before = reporter.count
    for _ in range(5):
        QTimer.singleShot(0, _raise_with_key)
    qtbot.waitUntil(lambda: reporter.count == before + 5)
    top_levels = QApplication.topLevelWidgets()
    dialogs = [w for w in top_levels if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(dialogs) == 1


def test_open_log_folder_action_is_translatable(qapp: object) -> None:
    holder = QObject()
    action = crash.open_log_folder_action(holder)
    assert action.text() == "Open Log Folder"


def test_command_line_gets_one_line_and_the_log_path(tmp_path: Path) -> None:
    script = (
        "from xpaint_desktop.logs import setup_logging\n"
        "from xpaint_desktop.crash import install_crash_handler\n"
        "setup_logging(); install_crash_handler()\n"
        f"raise ValueError('bad header Bearer {KEY}')\n"
    )
    env = {**os.environ, "XPAINT_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    log_file = tmp_path / "logs" / logs.LOG_FILE_NAME
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: unexpected ValueError: bad header Bearer ***; details are in {log_file}"
    ]
    assert "Traceback" not in result.stderr
    text = log_file.read_text(encoding="utf-8")
    assert "ValueError" in text and KEY not in text
