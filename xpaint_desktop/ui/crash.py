"""Uncaught exceptions: logged with their traceback and shown, so the program never just vanishes.

`install_crash_handler()` replaces `sys.excepthook` and `threading.excepthook`. Every uncaught
exception goes to the log file (through the redacting filter of `xpaint_desktop.logs`). With a
`QApplication` running, a dialog says something went wrong, where the log folder is, and offers
"Open log folder"; exceptions from other threads are carried to the GUI thread by a queued
signal. Without one (the command line) a single line on stderr says the same. Exceptions that
arrive while a report is on screen are logged only, so a failing paint event cannot stack up
hundreds of dialogs.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QThread, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from xpaint_desktop.logs import CRASH_REPORT, current_log_file, redact

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def open_log_folder() -> bool:
    """Opens the folder holding the log files in the desktop's file manager."""
    folder = current_log_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_log_folder_action(parent: QObject) -> QAction:
    """A ready-made "Open Log Folder" action for the Help menu."""
    action = QAction(parent)
    retranslate_open_log_folder_action(action)
    action.triggered.connect(open_log_folder)
    return action


def retranslate_open_log_folder_action(action: QAction) -> None:
    """The action's text and tooltip in the current language (again after a switch)."""
    action.setText(QCoreApplication.translate("CrashReport", "Open Log Folder"))
    action.setToolTip(
        QCoreApplication.translate(
            "CrashReport", "Show the folder with the log files, to attach them to a report"
        )
    )


def one_line(exc: BaseException) -> str:
    """`RuntimeError: what happened`, with any API key removed, on one line."""
    text = " ".join(str(exc).split())
    return redact(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


class CrashReporter(QObject):
    """Logs uncaught exceptions and tells the person; the hooks point at its methods."""

    _reported = Signal(str)

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._reported.connect(self._show)

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """For `sys.excepthook`."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report((exc_type, exc, tb), "main thread")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """For `threading.excepthook`."""
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread else "a thread"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), name)

    def report(self, exc_info: ExcInfo, where: str) -> None:
        """Logs the exception, then shows it in a dialog or on stderr."""
        self.count += 1
        log.critical(
            "uncaught exception in %s", where, exc_info=exc_info, extra={CRASH_REPORT: True}
        )
        summary = one_line(exc_info[1])
        app = QCoreApplication.instance()
        if isinstance(app, QApplication):
            self._reported.emit(summary)  # queued to the GUI thread when raised elsewhere
            return
        stream = self.stream or sys.stderr
        stream.write(f"error: unexpected {summary}; details are in {current_log_file()}\n")
        stream.flush()

    def _show(self, summary: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = self.build_dialog(summary)
        if QThread.currentThread().loopLevel() > 0:
            self.dialog.open()
        else:  # before or after the event loop: keep the process alive until it is read
            self.dialog.exec()

    def build_dialog(self, summary: str) -> QMessageBox:
        """The report dialog: what happened, where the log is, a button to open its folder."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("CrashReport", "Something went wrong"),
            "",
        )
        box.setText(
            QCoreApplication.translate(
                "CrashReport", "xpaint-desktop ran into an unexpected problem."
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "CrashReport",
                "Your images and jobs are kept in the library. The details were written to "
                "the log file:\n{0}\n\nIf this keeps happening, please attach that file to a "
                "bug report.",
            ).format(current_log_file())
        )
        box.setDetailedText(summary)
        open_button = box.addButton(
            QCoreApplication.translate("CrashReport", "Open Log Folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        open_button.clicked.connect(open_log_folder)
        return box


_reporter: CrashReporter | None = None


def install_crash_handler(stream: TextIO | None = None) -> CrashReporter:
    """Routes uncaught exceptions of every thread to one `CrashReporter`; returns it.

    Call it from the GUI thread, after `setup_logging()`; calling it again returns the same
    reporter. `stream` is where the command line's one-line message goes (stderr by default).
    """
    global _reporter
    if _reporter is None:
        _reporter = CrashReporter(stream)
    elif stream is not None:
        _reporter.stream = stream
    sys.excepthook = _reporter.excepthook
    threading.excepthook = _reporter.thread_excepthook
    return _reporter


def log_folder() -> Path:
    """The folder the crash report points at."""
    return current_log_file().parent
