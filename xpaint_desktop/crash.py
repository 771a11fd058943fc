"""Uncaught exceptions: logged with their traceback and reported, so the program never vanishes.

`install_crash_handler()` replaces `sys.excepthook` and `threading.excepthook` with one
`CrashHandler`. Every uncaught exception goes to the log file (through the redacting filter of
`xpaint_desktop.logs`). The window installs a presenter (`ui.crash`) that shows a dialog; without
one, or when the presenter declines (no window is running), a single line on stderr says what
happened and where the log is. This module imports no Qt, so the command line never loads it.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from xpaint_desktop.logs import CRASH_REPORT, current_log_file, redact

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
# Shows a one-line summary to the person; returns False when it cannot (no window running).
Presenter = Callable[[str], bool]


def one_line(exc: BaseException) -> str:
    """`RuntimeError: what happened`, with any API key removed, on one line."""
    text = " ".join(str(exc).split())
    return redact(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


class CrashHandler:
    """Logs uncaught exceptions and tells the person; the hooks point at its methods."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.count = 0
        self.presenter: Presenter | None = None

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
        """Logs the exception, then shows it through the presenter or on stderr."""
        self.count += 1
        log.critical(
            "uncaught exception in %s", where, exc_info=exc_info, extra={CRASH_REPORT: True}
        )
        summary = one_line(exc_info[1])
        if self.presenter is not None and self.presenter(summary):
            return
        stream = self.stream or sys.stderr
        stream.write(f"error: unexpected {summary}; details are in {current_log_file()}\n")
        stream.flush()


_handler: CrashHandler | None = None


def install_crash_handler(stream: TextIO | None = None) -> CrashHandler:
    """Routes uncaught exceptions of every thread to one `CrashHandler`; returns it.

    Call it after `setup_logging()`; calling it again returns the same handler. `stream` is
    where the command line's one-line message goes (stderr by default).
    """
    global _handler
    if _handler is None:
        _handler = CrashHandler(stream)
    elif stream is not None:
        _handler.stream = stream
    sys.excepthook = _handler.excepthook
    threading.excepthook = _handler.thread_excepthook
    return _handler
