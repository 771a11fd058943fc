"""The Qt side of the job runner: requests in through slots, progress out through signals.

`JobWorker` lives in its own `QThread` (created by `start_in_thread`). Its slots accept the
window's requests (submit, cancel, resume), convert the canvas's `QImage`s to Pillow images and
write the job's inputs to the library there, so the UI thread never touches the network, the
disk or a big image. Jobs themselves run in a second, plain thread that loops over
`JobRunner.run_next`; keeping it apart means a queued job can be added or cancelled while
another one runs. Every `JobEvent` is forwarded as the `job_event` signal, which Qt delivers to
the window in the UI thread.

The window owns the `Library` and hands it in, so the gallery (reading on the UI thread) and the
runner (writing on the job thread) share one library; it gives each thread its own SQLite
connection. The window closes it only after `shutdown` has stopped both threads.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.models import JobRecord
from xpaint_desktop.settings import Settings, SettingsStore
from xpaint_desktop.spec import EngineKind, JobSpec

if TYPE_CHECKING:
    from xpaint_desktop.jobs.runner import JobRunner
    from xpaint_desktop.library.store import Library

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class JobSummary:
    """What the job list shows about a job before its first stage change."""

    job_id: int
    prompt: str
    source_name: str
    engine: EngineKind
    n: int
    status: str
    image_size: tuple[int, int]

    @classmethod
    def of(cls, job: JobRecord) -> JobSummary:
        """The summary of a job already in the library."""
        return cls(
            job.id,
            job.spec.prompt,
            job.source_name,
            job.engine,
            job.spec.n,
            job.status.value,
            job.original_size,
        )


def rerun_spec(job: JobRecord) -> JobSpec:
    """The parameters of a new run of `job`: the same, with the old job as its parent.

    Its inputs are the old job's, so the lineage points at it (no result index: no result was
    used); the old job's own parent stays reachable through it.
    """
    return job.spec.with_changes(parent_job_id=job.id, parent_result_index=None)


def qimage_to_pil(image: QImage, *, mask: bool = False) -> Image.Image:
    """Copy a QImage into a Pillow image: RGB for photos, "L" (255 = repaint) for masks.

    The pixels are copied once, straight from the QImage's memory: an opaque 32-bit image (a
    decoded photo) is unpacked from its B, G, R, X bytes, anything else converted by Qt first.
    """
    if mask:
        qimg = image.convertToFormat(QImage.Format.Format_Grayscale8)
        mode, raw = "L", "L"
    elif image.format() == QImage.Format.Format_RGB32 and sys.byteorder == "little":
        qimg, mode, raw = image, "RGB", "BGRX"
    else:
        qimg = image.convertToFormat(QImage.Format.Format_RGB888)
        mode, raw = "RGB", "RGB"
    size = (qimg.width(), qimg.height())
    data = qimg.constBits()
    picture = Image.frombuffer(mode, size, data, "raw", raw, qimg.bytesPerLine(), 1)  # type: ignore[arg-type]
    # "L" is mapped onto the QImage's memory (RGB is unpacked into a new image): copy it
    return picture.copy() if mode == "L" else picture


# A job's parameters, photo and mask, and the photo file's own bytes when there is one.
JobInputs = tuple[JobSpec, Image.Image, Image.Image, bytes | None]


def _canvas_inputs(
    spec: JobSpec, base: QImage, mask: QImage, library: Library
) -> Callable[[], JobInputs]:
    """The inputs of a job made from the canvas: a photo still as opened is kept as its file's
    bytes (no encode); a result used as the new base as a patch over the photo it came from
    (`library.patches`), else (another picture made here) as a lossless PNG."""

    def make() -> JobInputs:
        from xpaint_desktop.ui.shared.image_io import source_file_bytes

        photo = source_file_bytes(base)
        picture = qimage_to_pil(base)
        if photo is None and spec.parent_job_id is not None:
            photo = _patch_over_parent(library, spec.parent_job_id, picture)
        return spec, picture, qimage_to_pil(mask, mask=True), photo

    return make


def _patch_over_parent(library: Library, parent_id: int, picture: Image.Image) -> bytes | None:
    from xpaint_desktop.library import composites

    try:
        parent = library.get_job(parent_id)
        return composites.photo_patch(library.root, parent, picture)
    except (KeyError, XPaintError, OSError) as e:  # kept whole instead
        log.info("new base of job %d kept whole: %s", parent_id, e)
        return None


class JobWorker(QObject):
    """Owns the `JobRunner` and the thread its jobs run in."""

    job_event = Signal(object)  # jobs.runner.JobEvent
    # creation times of the account's tasks in progress that no job of the library owns
    account_tasks = Signal(list)
    job_added = Signal(int)
    job_summary = Signal(object)  # JobSummary, emitted just before job_added
    submit_failed = Signal(object)  # XPaintError: the job was not created
    cancel_refused = Signal(int)
    request_done = Signal(int, int)  # request token, the new job's id (0: not created)
    rerun_done = Signal(int, int)  # the job run again, the new job's id (0: not created)
    resumed = Signal(int)  # how many unfinished jobs were picked up at start
    candidates_found = Signal(int, object)  # job id, tuple of api.tasklist.TaskSummary
    choice_failed = Signal(int, object)  # job id, XPaintError
    ready = Signal()

    def __init__(
        self,
        library_dir: Path | None = None,
        *,
        library: Library | None = None,
        resume_on_start: bool = True,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__()
        self._library_dir = library_dir
        self._library = library
        self._resume_on_start = resume_on_start
        self._store = settings
        self._settings: Settings | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._runner: JobRunner | None = None
        self._loop: threading.Thread | None = None
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._qthread: QThread | None = None

    # -- life cycle --------------------------------------------------------------------
    def start_in_thread(self) -> QThread:
        """Move to a new QThread, build the runner there, and start looping."""
        thread = QThread()
        thread.setObjectName("xpaint-worker")
        self.moveToThread(thread)
        thread.started.connect(self._start)
        self._qthread = thread
        thread.start()
        return thread

    @Slot()
    def _start(self) -> None:
        from xpaint_desktop.jobs.runner import JobRunner
        from xpaint_desktop.library.store import Library

        store = self._store or SettingsStore.load()
        self._store = store
        self._settings = store.settings  # shared: the engines read the current values
        library = self._library
        if library is None:
            root = self._library_dir or self._settings.library_path()
            try:
                library = Library(root)
            except XPaintError as e:
                log.error("library at %s unusable: %s", root, e.code)
                self.submit_failed.emit(e)
                return
        runner = JobRunner(
            library,
            settings=self._settings,
            key_store=ApiKeyStore(store),
            on_event=self.job_event.emit,
            warm_composites=True,  # the window shows a finished job's first result at once
        )
        self._runner = runner
        self._unsubscribe = store.subscribe(self._on_settings_changed)
        self._loop = threading.Thread(target=self._run_loop, name="xpaint-runner", daemon=True)
        self._loop.start()
        if self._resume_on_start:
            self.resume()
        self.ready.emit()

    def shutdown(self, timeout_s: float = STOP_TIMEOUT_S) -> bool:
        """Stop the running job at its next step (it stays resumable) and end both threads.

        Called from the UI thread when the window closes. Returns False when a job did not
        stop in time (it is left to the daemon thread and resumed on the next start).
        """
        self._stopping.set()
        if self._unsubscribe is not None:
            self._unsubscribe()  # the store outlives this worker (a moved library)
            self._unsubscribe = None
        runner = self._runner
        deadline = time.monotonic() + timeout_s
        stopped = True
        if self._loop is not None:
            while self._loop.is_alive() and time.monotonic() < deadline:
                if runner is not None:
                    runner.request_stop()
                self._wake.set()
                self._loop.join(0.05)
            stopped = not self._loop.is_alive()
            if not stopped:
                log.warning(
                    "a job did not stop within %.0f s; it resumes on the next start", timeout_s
                )
        if self._qthread is not None:
            self._qthread.quit()
            self._qthread.wait(int(max(0.0, deadline - time.monotonic()) * 1000) + 1000)
        if stopped and runner is not None:
            runner.close()
        return stopped

    def runner(self) -> JobRunner | None:
        """The runner, for the tests and the command line (None before the thread starts)."""
        return self._runner

    # -- requests (run in the worker thread) -------------------------------------------
    @Slot(object, QImage, QImage, str)
    def submit(self, spec: JobSpec, base: QImage, mask: QImage, source_name: str) -> None:
        self._create_from_canvas(spec, base, mask, source_name)

    @Slot(int, object, QImage, QImage, str)
    def submit_request(
        self, token: int, spec: JobSpec, base: QImage, mask: QImage, source_name: str
    ) -> None:
        """`submit`, answered with `request_done(token, job id or 0)` after the job events."""
        job_id = self._create_from_canvas(spec, base, mask, source_name)
        self.request_done.emit(token, job_id or 0)

    def _create_from_canvas(
        self, spec: JobSpec, base: QImage, mask: QImage, source_name: str
    ) -> int | None:
        if self._runner is None:
            return None
        return self._create(_canvas_inputs(spec, base, mask, self._runner.library), source_name)

    @Slot(int)
    def run_again(self, job_id: int) -> None:
        """A new job with the inputs and parameters of `job_id`, read here from the library;
        answered with `rerun_done(job_id, new id or 0)` after the new job's events."""
        self.rerun_done.emit(job_id, self._run_again(job_id) or 0)

    def _run_again(self, job_id: int) -> int | None:
        runner = self._runner
        if runner is None:
            return None
        try:
            job = runner.library.get_job(job_id)
        except KeyError:
            self.submit_failed.emit(
                XPaintError(f"Job {job_id} is no longer in the library; it cannot run again.")
            )
            return None

        def inputs() -> JobInputs:
            from xpaint_desktop.imaging.loading import load_mask
            from xpaint_desktop.library.patches import open_photo

            base = open_photo(job.base_path)
            mask = load_mask(job.mask_path, base.size, image_path=job.base_path)
            return rerun_spec(job), base, mask, job.base_path.read_bytes()

        return self._create(inputs, job.source_name)

    def _create(self, inputs: Callable[[], JobInputs], source_name: str) -> int | None:
        """Make the inputs, write the job to the library, queue it and announce it; its id."""
        runner = self._runner
        if runner is None:
            return None
        try:
            spec, pil_base, pil_mask, photo = inputs()
            job_id = runner.submit(spec, pil_base, pil_mask, source_name, base_bytes=photo)
        except XPaintError as e:
            log.info("job not created: %s", e.code)
            self.submit_failed.emit(e)
            return None
        except Exception as e:  # a disk or library fault must reach the person, not the log only
            log.exception("job not created")
            self.submit_failed.emit(XPaintError(f"The job could not be created: {e}"))
            return None
        summary = JobSummary(
            job_id,
            spec.prompt,
            source_name,
            EngineKind(spec.engine),
            spec.n,
            "queued",
            pil_base.size,
        )
        self.job_summary.emit(summary)
        self.job_added.emit(job_id)
        self._wake.set()
        return job_id

    @Slot(int)
    def cancel(self, job_id: int) -> None:
        runner = self._runner
        if runner is None:
            return
        from xpaint_desktop.jobs.runner import CancelOutcome

        try:
            done = runner.cancel(job_id) is not CancelOutcome.NOT_RUNNING
        except XPaintError as e:
            log.info("cancel of job %s failed: %s", job_id, e.code)
            done = False
        if not done:
            self.cancel_refused.emit(job_id)

    @Slot(int)
    def find_candidates(self, job_id: int) -> None:
        """Ask the account's task list which tasks could be this job's (AWAITING_CHOICE)."""
        self._choose(job_id, lambda r: self.candidates_found.emit(job_id, r.candidates(job_id)))

    @Slot(int, str)
    def adopt(self, job_id: int, task_id: str) -> None:
        """The person chose `task_id` as the job's task: no new task, its images are fetched."""
        self._choose(job_id, lambda r: r.adopt(job_id, task_id))

    @Slot(int)
    def send_again(self, job_id: int) -> None:
        """The person said none of the listed tasks is the job's: it is sent again."""
        self._choose(job_id, lambda r: r.send_again(job_id))

    def _choose(self, job_id: int, call: Callable[[JobRunner], None]) -> None:
        runner = self._runner
        if runner is None:
            return
        try:
            call(runner)
        except XPaintError as e:
            log.info("choice for job %s failed: %s", job_id, e.code)
            self.choice_failed.emit(job_id, e)
            return
        self._wake.set()

    @Slot()
    def resume(self) -> None:
        """Queue every unfinished job in the library and announce it.

        Jobs stopped while their task was being created are settled with the account's task
        list first, so they are never sent twice.
        """
        runner = self._runner
        if runner is None:
            return
        library = runner.library
        ids = runner.resume_unfinished()
        for job in library.get_jobs(ids):
            self.job_summary.emit(JobSummary.of(job))
            self.job_added.emit(job.id)
        self.resumed.emit(len(ids))
        if ids:
            self._wake.set()

    @Slot()
    def check_account(self) -> None:
        """Ask the service's task list for the account's tasks in progress elsewhere."""
        runner = self._runner
        if runner is None:
            return
        try:
            tasks = runner.tasks_in_progress_elsewhere()
        except XPaintError as e:  # no key, offline: the view simply shows nothing
            log.info("task list not read: %s", e.code)
            return
        self.account_tasks.emit([t.created for t in tasks])

    @Slot()
    def reload_settings(self) -> None:
        """Pick up settings another process saved (the store tells `_on_settings_changed`)."""
        if self._store is not None:
            self._store.reload()

    def _on_settings_changed(self, settings: Settings, changed: frozenset[str]) -> None:
        """The settings store's listener: the runner's worker set follows tasks-in-progress."""
        runner = self._runner
        if runner is not None and "tasks_in_progress" in changed:
            runner.set_max_in_progress(settings.tasks_in_progress)

    # -- the job loop (its own thread) -------------------------------------------------
    def _run_loop(self) -> None:
        runner = self._runner
        assert runner is not None
        while not self._stopping.is_set():
            self._wake.wait()
            self._wake.clear()
            if not self._stopping.is_set():
                # as many jobs side by side as the models allow; jobs queued meanwhile join in
                runner.run_until_idle()
