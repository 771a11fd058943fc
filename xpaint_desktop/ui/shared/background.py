"""The one way the window layer runs slow work off the UI thread: `Background`, a pool per owner.

Encoding a 4096-pixel PNG, decoding a full-size variant, deleting a job's folder, reading the
keyring: each takes far longer than a frame, and the UI thread must never do it. A part of the
window that needs such work makes one `Background(self)`; `run(fn, on_done, on_error)` calls
the plain function `fn()` in that part's own `QThreadPool` and hands its result (or its
exception) to the callbacks on the UI thread through a queued signal. The callbacks are the
request's continuation: each request carries its own, so an answer can never be taken for
another request's. When the owner is destroyed its pending answers are dropped; `shutdown()`
drops the calls not started yet and waits for the running ones, so the owner can close what
the work uses (the library) afterwards.

The job runner is not run here: `ui/worker.JobWorker` is its thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage
from shiboken6 import isValid

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

log = logging.getLogger(__name__)

T = TypeVar("T")
WAIT_MS = 30_000


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


_alive: set[_Relay] = set()  # relays waiting for their answer (they have no Qt parent)


def _finish(relay: _Relay) -> None:
    _alive.discard(relay)
    relay.deleteLater()


def log_failure(error: Exception) -> None:
    """The default `on_error`: a line in the log (for work whose failure changes nothing)."""
    log.warning("background step failed: %s: %s", type(error).__name__, error)


class Background(QObject):
    """Slow work for one owner, in the owner's own thread pool; answers on the UI thread."""

    def __init__(self, owner: QObject, *, max_threads: int | None = None) -> None:
        super().__init__(owner)
        self.pool = QThreadPool(self)
        if max_threads is not None:
            self.pool.setMaxThreadCount(max_threads)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] = log_failure,
    ) -> None:
        """Call `fn()` in the pool; then `on_done(result)` or `on_error(exception)` on the UI
        thread, unless the owner is gone by then."""
        relay = _Relay()  # not a child: it must outlive an owner destroyed meanwhile
        _alive.add(relay)

        def done(value: T) -> None:
            _finish(relay)
            if isValid(self):
                on_done(value)

        def failed(error: Exception) -> None:
            _finish(relay)
            if isValid(self):
                on_error(error)

        relay.done.connect(done)
        relay.failed.connect(failed)
        self.pool.start(_Call(fn, relay))

    def wait(self, timeout_ms: int = WAIT_MS) -> bool:
        """Wait for every started call to finish (before closing what they use, and in tests)."""
        return self.pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = WAIT_MS) -> bool:
        """Drop the calls not started yet and wait for the running ones."""
        self.pool.clear()
        return self.pool.waitForDone(timeout_ms)


def qimage_from_file(path: Path) -> QImage:
    """Decode an image file with Pillow into a QImage that owns its pixels (any thread).

    Raises OSError if the file cannot be read as an image.
    """
    from PIL import Image

    with Image.open(path) as opened:
        img: Image.Image = opened.convert("RGBA" if "A" in opened.getbands() else "RGB")
    return qimage_from_pil(img)


def qimage_from_pil(img: PILImage) -> QImage:
    """A QImage that owns a copy of an "RGB" or "RGBA" Pillow image's pixels (any thread)."""
    fmt = QImage.Format.Format_RGBA8888 if img.mode == "RGBA" else QImage.Format.Format_RGB888
    data = img.tobytes()
    channels = len(img.getbands())
    return QImage(data, img.width, img.height, img.width * channels, fmt).copy()
