"""Thumbnails for the gallery, made and read off the UI thread and kept in memory.

Painting must never wait for a disk or an image decoder: the delegate asks `pixmap(job)`,
which answers from memory or returns None and queues a task in a `QThreadPool`. The task makes
the thumbnail file once (`library.thumbnails`), reads it into a `QImage` (safe outside the UI
thread, unlike `QPixmap`) and hands it back through a queued signal; the UI thread turns it into
a pixmap, keeps it in a byte-bounded LRU and tells the model to repaint that row. Newer requests
run first and old queued ones are dropped, so a fast scroll does not make the visible rows wait
behind rows that have already left the screen.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap

from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.library.thumbnails import ThumbnailCache
from xpaint_desktop.ui.shared.background import qimage_from_file

log = logging.getLogger(__name__)

MEMORY_BUDGET_BYTES = 64 * 1024 * 1024
MAX_QUEUED = 96
POOL_THREADS = 2


class _ThumbnailTask(QRunnable):
    """Makes (or finds) one job's thumbnail file and reads it, in a pool thread.

    The pool owns and deletes the task; a task whose request was dropped meanwhile does nothing.
    """

    def __init__(self, loader: ThumbnailLoader, job: JobRecord) -> None:
        super().__init__()
        self.job = job
        self._loader = loader

    def run(self) -> None:
        loader = self._loader
        if not loader.wanted(self.job.id):
            return
        image: QImage | None = None
        try:
            key = loader.cache.key_for(self.job)
            if key is not None:
                image = qimage_from_file(loader.cache.ensure(key))
        except (OSError, ValueError) as exc:
            log.warning("no thumbnail for job %d: %s", self.job.id, exc)
        if not loader.stopped():
            loader.loaded.emit(self.job.id, image)


class ThumbnailLoader(QObject):
    """Answers "the thumbnail of this job" at once from memory, or later through `ready`.

    `ready(job_id)` is emitted on the UI thread when a thumbnail has arrived (or is known to be
    missing). Pass your own `pool` to control the threads (tests hold it to prove painting does
    not wait). Call `shutdown()` before the loader goes away.
    """

    ready = Signal(int)
    loaded = Signal(int, object)  # job id, QImage | None; emitted from pool threads

    def __init__(
        self,
        cache: ThumbnailCache | None = None,
        pool: QThreadPool | None = None,
        *,
        memory_budget: int = MEMORY_BUDGET_BYTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache if cache is not None else ThumbnailCache()
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(POOL_THREADS)
        self.pool = pool
        self._budget = memory_budget
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self._bytes = 0
        self._missing: set[int] = set()
        self._queued: dict[int, None] = {}  # job ids asked for, oldest first
        self._lock = threading.Lock()  # guards _queued against the pool threads' `wanted`
        self._priority = 0
        self._stop = threading.Event()
        self.loaded.connect(self._on_loaded)

    # -- asking ------------------------------------------------------------------------------

    def pixmap(self, job: JobRecord) -> QPixmap | None:
        """The job's thumbnail if it is in memory; otherwise None and a load is queued."""
        pix = self._pixmaps.get(job.id)
        if pix is not None:
            self._pixmaps.move_to_end(job.id)
            return pix
        if job.id not in self._missing:
            self.request(job)
        return None

    def is_missing(self, job_id: int) -> bool:
        """True when the job has no picture to show (files gone or unreadable)."""
        return job_id in self._missing

    def pending(self) -> int:
        """How many thumbnails are queued or being made."""
        with self._lock:
            return len(self._queued)

    def request(self, job: JobRecord) -> None:
        if self._stop.is_set():
            return
        self._priority += 1
        with self._lock:
            if job.id in self._queued:
                return
            self._queued[job.id] = None
            while len(self._queued) > MAX_QUEUED:
                # The oldest requests are most likely rows that have scrolled away.
                del self._queued[next(iter(self._queued))]
        self.pool.start(_ThumbnailTask(self, job), self._priority)

    def wanted(self, job_id: int) -> bool:
        """Still asked for (called from pool threads)."""
        with self._lock:
            return job_id in self._queued and not self._stop.is_set()

    def stopped(self) -> bool:
        return self._stop.is_set()

    # -- answers -----------------------------------------------------------------------------

    def _on_loaded(self, job_id: int, image: QImage | None) -> None:
        with self._lock:
            self._queued.pop(job_id, None)
        if self._stop.is_set():
            return
        if image is None:
            self._missing.add(job_id)
        else:
            self._store(job_id, QPixmap.fromImage(image))
        self.ready.emit(job_id)

    def _store(self, job_id: int, pix: QPixmap) -> None:
        self._drop(job_id)
        self._pixmaps[job_id] = pix
        self._bytes += _cost(pix)
        while self._bytes > self._budget and len(self._pixmaps) > 1:
            _old_id, old = self._pixmaps.popitem(last=False)
            self._bytes -= _cost(old)

    def _drop(self, job_id: int) -> None:
        old = self._pixmaps.pop(job_id, None)
        if old is not None:
            self._bytes -= _cost(old)

    def forget(self, job_id: int) -> None:
        """The job changed (a new result) or went away: its next request makes a fresh one."""
        self._drop(job_id)
        self._missing.discard(job_id)
        with self._lock:
            self._queued.pop(job_id, None)

    def memory_bytes(self) -> int:
        return self._bytes

    def shutdown(self) -> None:
        """Drop queued work and wait for running tasks; later requests are ignored."""
        self._stop.set()
        self.pool.clear()
        self.pool.waitForDone()
        with self._lock:
            self._queued.clear()


def _cost(pix: QPixmap) -> int:
    return pix.width() * pix.height() * max(1, pix.depth() // 8)
