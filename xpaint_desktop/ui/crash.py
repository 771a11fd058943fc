"""The window's side of logging and crash reports: the report dialog and Qt's own messages.

`xpaint_desktop.crash` logs every uncaught exception; `install_crash_dialog()` gives it a
presenter that, with a `QApplication` running, shows a dialog saying something went wrong,
where the log folder is, with "Open log folder"; exceptions from other threads are carried to the
GUI thread by a queued signal. Without a window the core's one line on stderr says the same.
Exceptions that arrive while a report is on screen are logged only, so a failing paint event
cannot stack up hundreds of dialogs. `route_qt_messages()` sends Qt's messages to the log file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QCoreApplication, QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from xpaint_desktop.crash import CrashHandler, install_crash_handler
from xpaint_desktop.logs import current_log_file

if TYPE_CHECKING:  # the rest of Qt's classes here are loaded when a report is shown
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMessageBox


def open_log_folder() -> bool:
    """Opens the folder holding the log files in the desktop's file manager."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    folder = current_log_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_log_folder_action(parent: QObject) -> QAction:
    """A ready-made "Open Log Folder" action for the Help menu."""
    from PySide6.QtGui import QAction

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


class CrashReporter(QObject):
    """Shows uncaught exceptions in a dialog; the presenter of the core `CrashHandler`."""

    _reported = Signal(str)

    def __init__(self, handler: CrashHandler) -> None:
        super().__init__()
        self.handler = handler
        self.dialog: QMessageBox | None = None
        self._reported.connect(self._show)

    @property
    def count(self) -> int:
        """How many uncaught exceptions were reported."""
        return self.handler.count

    def present(self, summary: str) -> bool:
        """Shows `summary` in the report dialog; False when no window is running."""
        app = QCoreApplication.instance()
        if not isinstance(app, QApplication):
            return False
        self._reported.emit(summary)  # queued to the GUI thread when raised elsewhere
        return True

    def _show(self, summary: str) -> None:
        from PySide6.QtCore import QThread

        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = self.build_dialog(summary)
        if QThread.currentThread().loopLevel() > 0:
            self.dialog.open()
        else:  # before or after the event loop: keep the process alive until it is read
            self.dialog.exec()

    def build_dialog(self, summary: str) -> QMessageBox:
        """The report dialog: what happened, where the log is, a button to open its folder."""
        from PySide6.QtWidgets import QMessageBox

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


def install_crash_dialog(stream: TextIO | None = None) -> CrashReporter:
    """The crash handler (`xpaint_desktop.crash`) with the report dialog as its presenter.

    Call it from the GUI thread, after `setup_logging()`; calling it again returns the same
    reporter.
    """
    global _reporter
    handler = install_crash_handler(stream)
    if _reporter is None or _reporter.handler is not handler:
        _reporter = CrashReporter(handler)
    handler.presenter = _reporter.present
    return _reporter


def route_qt_messages() -> None:
    """Send Qt's own messages to the log file instead of the terminal.

    Qt prints platform notes (e.g. "This plugin does not support propagateSizeHints()") that mean
    nothing to a person; they go to the log at INFO, Qt's critical and fatal messages at ERROR.
    """
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.INFO,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.ERROR,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.INFO), "%s", message)

    qInstallMessageHandler(handler)


def log_folder() -> Path:
    """The folder the crash report points at."""
    return current_log_file().parent
