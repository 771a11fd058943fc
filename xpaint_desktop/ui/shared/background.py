"""Running slow gallery work (exports, full-size images) off the UI thread.

Encoding a 4096-pixel PNG or decoding several full-size variants takes far longer than a frame,
and the UI thread must never do it. `run_in_background` runs a plain function in a
`QThreadPool` and delivers its result (or its exception) to callbacks on the UI thread through a
queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

_alive: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the UI thread; pool threads emit through it."""

    done = Signal(object)
    failed = Signal(object)


class _Call(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the UI thread, which shows it
            self._deliver(self._relay.failed, exc)
            return
        self._deliver(self._relay.done, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application closed while this ran: nobody is waiting
            log.debug("background result dropped: its receiver is gone")


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    *,
    pool: QThreadPool | None = None,
) -> None:
    """Call `fn()` in `pool` (the global pool by default); then `on_done` or `on_error`.

    Both callbacks run on the UI thread. Bound methods of a QObject that is gone by then are not
    called (Qt drops connections to destroyed receivers).
    """
    relay = _Relay()
    _alive.add(relay)

    def finish() -> None:
        _alive.discard(relay)
        relay.deleteLater()

    relay.done.connect(on_done)
    relay.failed.connect(on_error)
    relay.done.connect(finish)
    relay.failed.connect(finish)
    (pool or QThreadPool.globalInstance()).start(_Call(fn, relay))


def qimage_from_file(path: Path) -> QImage:
    """Decode an image file with Pillow into a QImage that owns its pixels (any thread).

    Raises OSError if the file cannot be read as an image.
    """
    with Image.open(path) as opened:
        img: Image.Image = opened.convert("RGBA" if "A" in opened.getbands() else "RGB")
    fmt = QImage.Format.Format_RGBA8888 if img.mode == "RGBA" else QImage.Format.Format_RGB888
    data = img.tobytes()
    channels = len(img.getbands())
    return QImage(data, img.width, img.height, img.width * channels, fmt).copy()
