"""Start a window, print `painted` once its first frame is drawn and `ready` once a frame
of the whole editor is drawn (its parts built), then exit.

    python -m benchmarks.first_paint bare   # a bare QMainWindow: the baseline
    python -m benchmarks.first_paint app    # the editor, the way `xpaint-desktop` starts it

Both start the same way (this module, the same interpreter and Qt platform); the measuring
process times from its `Popen` to each line. The editor is started through its own entry point,
`xpaint_desktop.cli.main([])`; `QApplication.exec` is wrapped to watch the paints of top-level
windows, so the program itself carries no benchmark hook. A paint event is followed by a
zero-length timer: it fires once the whole frame (every child widget) has been painted. The
editor shows its window first and builds its parts after that frame (`MainWindow.is_built`);
a bare window is ready with its first frame.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.isWindow()
            and obj.isVisible()
        ):
            QTimer.singleShot(0, lambda: self._frame_done(obj))
        return False

    def _frame_done(self, window: QWidget) -> None:
        if not self.painted:
            self.painted = True
            _say("painted")
        is_built = getattr(window, "is_built", None)
        if is_built is None or is_built():
            _say("ready")
            os._exit(0)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


_watch = _FirstPaint()
_exec = QApplication.exec


def _exec_watching(*_args: object) -> int:
    """`QApplication.exec` (static in Qt, called as `app.exec()` too) with the watcher on."""
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(_watch)
    return _exec()


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "bare"
    QApplication.exec = _exec_watching  # type: ignore[assignment,method-assign]
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1200, 800)
        window.show()
        app.exec()
    else:
        from xpaint_desktop.cli import main as app_main

        app_main([])


if __name__ == "__main__":
    main()
