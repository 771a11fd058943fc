"""The job runner: a queue of library jobs executed one step at a time.

It is plain Python so the window (through `worker.py`) and the command line share it. Every
stage is written to the library before the next begins, and reported as a `JobEvent`. The
runner never re-sends a task creation whose outcome is unknown, and `resume_unfinished`
picks up every job a crash or a closed window left behind.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from xpaint_desktop.config import ApiKeyStore, Settings
from xpaint_desktop.engines.base import Engine, EngineContext, EngineRun
from xpaint_desktop.errors import (
    CancelledError,
    InputError,
    OutcomeUnknownError,
    TaskExpiredError,
    XPaintError,
)
from xpaint_desktop.imaging.composite import composite
from xpaint_desktop.imaging.limits import limits_for
from xpaint_desktop.imaging.loading import load_image, load_mask
from xpaint_desktop.imaging.prepare import Placement, prepare
from xpaint_desktop.imaging.validation import validate_spec
from xpaint_desktop.library.models import JobRecord, JobStatus, ResultRecord
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import EngineKind, JobSpec

log = logging.getLogger(__name__)

# Statuses a job may be in before anything was handed to a back end: safe to start again.
_NOT_SENT = {JobStatus.QUEUED, JobStatus.PREPARING, JobStatus.UPLOADING}


@dataclass(frozen=True)
class JobEvent:
    """One stage change of one job, as the window and the command line see it."""

    job_id: int
    status: JobStatus
    message: str
    elapsed_s: float
    results: tuple[ResultRecord, ...] = ()
    error: XPaintError | None = None
    notice: str | None = None


EventCallback = Callable[[JobEvent], None]


def default_engines(settings: Settings, key_store: ApiKeyStore) -> dict[EngineKind, Engine]:
    from xpaint_desktop.engines.cloud import CloudEngine
    from xpaint_desktop.engines.local import LocalEngine

    return {
        EngineKind.CLOUD: CloudEngine(settings, key_store),
        EngineKind.LOCAL: LocalEngine(),
    }


class JobRunner:
    """Executes queued jobs from the library, one at a time, reporting every stage."""

    def __init__(
        self,
        library: Library,
        *,
        settings: Settings | None = None,
        key_store: ApiKeyStore | None = None,
        engines: dict[EngineKind, Engine] | None = None,
        on_event: EventCallback | None = None,
    ) -> None:
        self.library = library
        self.settings = settings or Settings.load()
        self.key_store = key_store or ApiKeyStore(self.settings)
        self.engines = engines or default_engines(self.settings, self.key_store)
        self.on_event = on_event
        self._queue: deque[int] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._cancelled: set[int] = set()
        self._running: set[int] = set()

    # -- queue -------------------------------------------------------------------------
    def submit(self, spec: JobSpec, base: Image.Image, mask: Image.Image, source_name: str) -> int:
        """Validate, write the inputs to the library (status queued) and queue the job."""
        spec = validate_spec(spec, limits_for(spec.model))
        if mask.size != base.size:
            raise InputError(
                f"The mask is {mask.size[0]}x{mask.size[1]} px but the image is "
                f"{base.size[0]}x{base.size[1]} px: they must be the same size."
            )
        if mask.convert("L").getbbox() is None:
            raise InputError("The mask is empty: paint over the part of the image to change.")
        job = self.library.create_job(spec, base, mask, source_name)
        with self._lock:
            self._queue.append(job.id)
        self._emit(job.id, JobStatus.QUEUED, "queued", 0.0)
        return job.id

    def enqueue(self, job_id: int) -> None:
        """Queue a job that is already in the library (e.g. to run it again)."""
        with self._lock:
            if job_id not in self._queue and job_id not in self._running:
                self._queue.append(job_id)

    def pending_ids(self) -> list[int]:
        with self._lock:
            return list(self._queue)

    def cancel(self, job_id: int) -> bool:
        """Cancel a queued job at once, or ask the service to drop a task still PENDING."""
        with self._lock:
            if job_id in self._queue:
                self._queue.remove(job_id)
                queued = True
            else:
                queued = False
                if job_id in self._running:
                    self._cancelled.add(job_id)
        if queued:
            self.library.set_status(job_id, JobStatus.CANCELLED)
            self._emit(job_id, JobStatus.CANCELLED, "cancelled", 0.0)
            return True
        if job_id not in self._running:
            return False
        job = self.library.get_job(job_id)
        engine = self.engines[job.spec.engine]
        return job.status == JobStatus.PENDING and engine.cancel(job)

    def request_stop(self) -> None:
        """Stop the running job at its next step; it stays resumable."""
        self._stop.set()

    def resume_unfinished(self) -> list[int]:
        """Queue every unfinished job in the library that can safely go on."""
        queued: list[int] = []
        for job in self.library.unfinished_jobs():
            if job.status == JobStatus.INTERRUPTED:
                continue
            if job.status == JobStatus.SUBMITTING and not job.task_id:
                self._mark_interrupted(job.id)
                continue
            self.enqueue(job.id)
            queued.append(job.id)
        return queued

    def run_next(self) -> int | None:
        """Run the next queued job to its end; its id, or None when the queue is empty."""
        with self._lock:
            if not self._queue:
                return None
            job_id = self._queue.popleft()
            if not self._running:
                self._stop.clear()  # a stop applies to the jobs running when it was asked
            self._running.add(job_id)
        try:
            self._execute(job_id)
        finally:
            with self._lock:
                self._running.discard(job_id)
                self._cancelled.discard(job_id)
        return job_id

    def run_until_idle(self, parallel: int | None = None) -> None:
        """Run queued jobs until none is left, `parallel` at a time (default: the setting
        `tasks_in_progress`; the cloud engine still holds its own limit per account)."""
        count = max(1, parallel or self.settings.tasks_in_progress)
        if count == 1:
            self._drain()
            return
        threads = [
            threading.Thread(target=self._drain, name=f"xpaint-job-{i}", daemon=True)
            for i in range(count)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def _drain(self) -> None:
        while not self._stop.is_set() and self.run_next() is not None:
            pass

    def close(self) -> None:
        for engine in self.engines.values():
            close = getattr(engine, "close", None)
            if close:
                close()

    # -- one job -----------------------------------------------------------------------
    def _execute(self, job_id: int) -> None:
        started = time.monotonic()
        job = self.library.get_job(job_id)
        engine = self.engines[job.spec.engine]

        def elapsed() -> float:
            return time.monotonic() - started

        def report(status: JobStatus, message: str) -> None:
            self.library.set_status(job_id, status)
            self._emit(job_id, status, message, elapsed())

        def should_stop() -> bool:
            return self._stop.is_set() or job_id in self._cancelled

        ctx = EngineContext(self.library, job, report, should_stop)
        inputs: tuple[Image.Image, Image.Image] | None = None
        try:
            if job.task_id and engine.can_resume(job):
                report(JobStatus.PENDING, f"resuming task {job.task_id}")
                run = engine.resume(ctx)
            else:
                report(JobStatus.PREPARING, "preparing the image")
                inputs = original, mask = self._load_inputs(job)
                spec = job.spec
                prepared = prepare(
                    original,
                    mask,
                    size=spec.size,
                    context=spec.context,
                    limits=limits_for(spec.model),
                )
                self.library.set_placement(job_id, prepared.placement.to_json())
                ctx.job = job = self.library.get_job(job_id)
                run = engine.run(ctx, prepared)
            self._store(job, run, elapsed, inputs or self._load_inputs(job))
        except CancelledError as e:
            if job_id in self._cancelled or e.code == "Canceled":
                self.library.set_status(job_id, JobStatus.CANCELLED)
                self._emit(job_id, JobStatus.CANCELLED, "cancelled", elapsed(), error=e)
            else:
                current = self.library.get_job(job_id).status
                self._emit(job_id, current, "stopped; it will resume", elapsed(), error=e)
        except TaskExpiredError as e:
            self._fail(job_id, JobStatus.EXPIRED, e, elapsed())
        except OutcomeUnknownError as e:
            self._fail(job_id, JobStatus.INTERRUPTED, e, elapsed())
        except XPaintError as e:
            self._fail(job_id, JobStatus.FAILED, e, elapsed())
        except Exception as e:
            log.exception("job %s failed unexpectedly", job_id)
            err = XPaintError(f"Unexpected error: {type(e).__name__}: {e}", code="InternalError")
            self._fail(job_id, JobStatus.FAILED, err, elapsed())

    def _load_inputs(self, job: JobRecord) -> tuple[Image.Image, Image.Image]:
        original = load_image(job.base_path, role="image")
        mask = load_mask(job.mask_path, original.size, image_path=job.base_path)
        return original, mask

    def _store(
        self,
        job: JobRecord,
        run: EngineRun,
        elapsed: Callable[[], float],
        inputs: tuple[Image.Image, Image.Image],
    ) -> None:
        """Composite and save every variant, then settle the job's final status."""
        assert job.placement_json, "a job that reached an engine has a placement"
        placement = Placement.from_json(job.placement_json)
        original, mask = inputs
        for item in run.results:
            if item.image is None:
                self.library.save_result_failure(
                    job.id, item.index, item.code or "Failed", item.message or ""
                )
                continue
            full = composite(original, item.image, mask, placement, job.spec.feather)
            payload: bytes | Image.Image = item.data if item.data is not None else item.image
            self.library.save_result(job.id, item.index, payload, full)
        if run.image_count is not None:
            self.library.set_usage(job.id, run.image_count)
        final = self.library.get_job(job.id)
        ok = [r for r in final.results if r.path]
        failed = [r for r in final.results if not r.path]
        if ok and not failed:
            status, message = JobStatus.DONE, f"{len(ok)} image(s) ready"
        elif ok:
            status, message = JobStatus.PARTIAL, f"{len(ok)} of {len(final.results)} images ready"
        else:
            status = JobStatus.FAILED
            message = failed[0].message if failed and failed[0].message else "no image came back"
        code = failed[0].code if status == JobStatus.FAILED and failed else None
        self.library.set_status(
            job.id,
            status,
            error_code=code,
            error_message=None if status != JobStatus.FAILED else message,
        )
        self._emit(job.id, status, message, elapsed(), results=final.results, notice=run.notice)

    def _fail(self, job_id: int, status: JobStatus, err: XPaintError, elapsed: float) -> None:
        self.library.set_status(
            job_id,
            status,
            error_code=err.code,
            error_message=err.message,
            request_id=err.request_id,
        )
        self._emit(job_id, status, err.message, elapsed, error=err)

    def _mark_interrupted(self, job_id: int) -> None:
        err = OutcomeUnknownError(
            "The app stopped while the task was being created; it was not sent again so it "
            "cannot run twice. Run the job again if no result arrives."
        )
        self._fail(job_id, JobStatus.INTERRUPTED, err, 0.0)

    def _emit(
        self,
        job_id: int,
        status: JobStatus,
        message: str,
        elapsed: float,
        *,
        results: tuple[ResultRecord, ...] = (),
        error: XPaintError | None = None,
        notice: str | None = None,
    ) -> None:
        if error is not None:
            log.info("job %s: %s (%s)", job_id, status.value, error.code)
        else:
            log.debug("job %s: %s", job_id, status.value)
        if self.on_event is not None:
            self.on_event(JobEvent(job_id, status, message, elapsed, results, error, notice))
