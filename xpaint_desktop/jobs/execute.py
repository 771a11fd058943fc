"""One job, from the library to its end: settle, prepare, run or resume, store.

The engine does the work; everything the library learns about the job is written here, by the
runner's side: stages, the moment a creation request goes out, the task id, results, the final
status. What a stop meant (`Cancellation`) decides what the job becomes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PIL import Image

from xpaint_desktop.engines.base import Engine, EngineContext, EngineRun
from xpaint_desktop.errors import (
    Cancellation,
    CancelledError,
    ChoiceNeededError,
    OutcomeUnknownError,
    TaskExpiredError,
    XPaintError,
)
from xpaint_desktop.imaging.limits import limits_for
from xpaint_desktop.imaging.loading import load_mask
from xpaint_desktop.imaging.masks import binarize_mask
from xpaint_desktop.imaging.prepare import prepare
from xpaint_desktop.library.models import DOWNLOAD_FAILED, JobRecord, JobStatus, ResultRecord
from xpaint_desktop.library.patches import open_photo
from xpaint_desktop.library.store import Library

log = logging.getLogger(__name__)


class Settled:
    """How an uncertain creation was settled (for the one line `resume` prints)."""

    ADOPTED = "adopted"
    SENT_AGAIN = "sent again"


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
    cancellation: Cancellation | None = None
    candidates: tuple[object, ...] = ()  # api.tasklist.TaskSummary, for AWAITING_CHOICE


EventCallback = Callable[[JobEvent], None]


def load_inputs(job: JobRecord) -> tuple[Image.Image, Image.Image]:
    original = open_photo(job.base_path)
    mask = load_mask(job.mask_path, original.size, image_path=job.base_path)
    return original, mask


def _warm_composite_inputs(job: JobRecord) -> None:
    """Decode the job's stored photo for its composites while the service works."""
    from xpaint_desktop.library import composites  # OpenCV and all: only when it is wanted

    try:
        composites.job_inputs(job)
    except Exception:  # only a head start: asking for the composite reports any problem
        log.debug("job %s: inputs not decoded ahead", job.id, exc_info=True)


class Execution:
    """Runs one job once; `stop_reason()` tells why it should stop (None: go on)."""

    def __init__(
        self,
        library: Library,
        engine: Engine,
        job_id: int,
        emit: EventCallback,
        stop_reason: Callable[[], Cancellation | None],
        settled: Callable[[str], None],
        *,
        inputs: tuple[Image.Image, Image.Image] | None = None,
        warm_composites: bool = False,
    ) -> None:
        """`inputs`: the photo and mask just stored for the job, still decoded (a fresh job
        of this process); `warm_composites`: decode the stored photo for the composites while
        the service works (a window will ask for them)."""
        self.library = library
        self._inputs = inputs
        self._warm_composites = warm_composites
        self.engine = engine
        self.job_id = job_id
        self._emit_event = emit
        self._stop_reason = stop_reason
        self._settled = settled
        self._started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self._started

    def emit(self, status: JobStatus, message: str, **kw: object) -> None:
        error = kw.get("error")
        if isinstance(error, XPaintError):
            log.info("job %s: %s (%s)", self.job_id, status.value, error.code)
        else:
            log.debug("job %s: %s", self.job_id, status.value)
        self._emit_event(JobEvent(self.job_id, status, message, self.elapsed(), **kw))  # type: ignore[arg-type]

    # -- what the engine tells us ----------------------------------------------------------
    def _report(self, status: JobStatus, message: str) -> None:
        self.library.set_status(self.job_id, status)
        self.emit(status, message)

    def _creation_sent(self, moment: datetime) -> None:
        self.library.set_creation_sent(self.job_id, moment)

    def _task_created(self, task_id: str) -> None:
        self.library.set_task_id(self.job_id, task_id)

    def _context(self, job: JobRecord) -> EngineContext:
        return EngineContext(
            job,
            self._report,
            lambda: self._stop_reason() is not None,
            creation_sent=self._creation_sent,
            task_created=self._task_created,
            known_task_ids=self.library.task_ids_since,
        )

    def _warm(self, job: JobRecord) -> None:
        if self._warm_composites:
            threading.Thread(
                target=_warm_composite_inputs, args=(job,), name="xpaint-warm", daemon=True
            ).start()

    # -- the job -----------------------------------------------------------------------------
    def run(self) -> None:
        job = self.library.get_job(self.job_id)
        try:
            if not job.task_id and (job.status.is_uncertain or job.creation_sent_at):
                task_id = self.engine.settle(self._context(job))
                if task_id is None:
                    self.library.set_creation_sent(self.job_id, None)
                    self._settled(Settled.SENT_AGAIN)
                else:
                    self._settled(Settled.ADOPTED)
                    self._report(JobStatus.PENDING, f"adopted task {task_id} from the task list")
                job = self.library.get_job(self.job_id)
            if job.task_id and self.engine.can_resume(job):
                if not job.status.is_finished:
                    self._report(JobStatus.PENDING, f"resuming task {job.task_id}")
                self._warm(job)
                run = self.engine.resume(self._context(job))
            else:
                self._report(JobStatus.PREPARING, "preparing the image")
                self.engine.warm_up()
                if self._inputs is not None:  # given still decoded: not decoded again
                    original, mask = self._inputs[0], binarize_mask(self._inputs[1])
                else:
                    original, mask = load_inputs(job)
                self._inputs = None
                spec = job.spec
                prepared = prepare(
                    original,
                    mask,
                    size=spec.size,
                    context=spec.context,
                    limits=limits_for(spec.model),
                )
                self.library.set_placement(self.job_id, prepared.placement.to_json())
                job = self.library.get_job(self.job_id)
                self._warm(job)  # after the crop: the decode then overlaps the service's work
                run = self.engine.run(self._context(job), prepared)
            self._store(job, run)
        except CancelledError as e:
            self._stopped(e)
        except ChoiceNeededError as e:
            self._fail(JobStatus.AWAITING_CHOICE, e, candidates=e.candidates)
        except TaskExpiredError as e:
            self._fail(JobStatus.EXPIRED, e)
        except OutcomeUnknownError as e:
            self._fail(JobStatus.UNCERTAIN, e)
        except XPaintError as e:
            self._fail(JobStatus.FAILED, e)
        except Exception as e:
            log.exception("job %s failed unexpectedly", self.job_id)
            err = XPaintError(f"Unexpected error: {type(e).__name__}: {e}", code="Unexpected")
            self._fail(JobStatus.FAILED, err)

    def _stopped(self, e: CancelledError) -> None:
        kind = e.kind if e.kind is Cancellation.ON_SERVICE else self._stop_reason() or e.kind
        job = self.library.get_job(self.job_id)
        if kind is Cancellation.ON_SERVICE or (
            kind is Cancellation.BY_PERSON and not job.task_id and not job.creation_sent_at
        ):
            text = e.message if kind is Cancellation.ON_SERVICE else "cancelled"
            self.library.set_status(self.job_id, JobStatus.CANCELLED, error_message=text)
            self.emit(JobStatus.CANCELLED, text, error=e, cancellation=kind)
        elif kind is Cancellation.BY_PERSON:  # the task exists and runs: only waiting stops
            text = (
                f"Cancelled. Task {job.task_id} goes on running on the service and is billed; "
                "its result is not downloaded."
            )
            self.library.set_status(self.job_id, JobStatus.CANCELLED, error_message=text)
            self.emit(JobStatus.CANCELLED, text, error=e, cancellation=kind)
        elif kind is Cancellation.STOPPED_WAITING:
            self.emit(
                job.status,
                "stopped waiting; the task runs on and its result is downloaded when it is ready",
                cancellation=kind,
            )
        else:
            self.emit(job.status, "stopped; it will resume", error=e, cancellation=kind)

    def _store(self, job: JobRecord, run: EngineRun) -> None:
        """Save every variant as the service sent it (its composite is made when asked for:
        `library.composites`), then settle the job's final status."""
        assert job.placement_json, "a job that reached an engine has a placement"
        for item in run.results:
            if item.image is None:
                self.library.save_result_failure(
                    job.id, item.index, item.code or "Failed", item.message or ""
                )
                continue
            payload: bytes | Image.Image = item.data if item.data is not None else item.image
            self.library.save_result(job.id, item.index, payload)
        if run.image_count is not None:
            self.library.set_usage(job.id, run.image_count)
        final = self.library.get_job(job.id)
        ok = [r for r in final.results if r.path]
        failed = [r for r in final.results if not r.path]
        missing = final.missing_downloads
        if ok and not failed:
            status, message = JobStatus.DONE, f"{len(ok)} image(s) ready"
        elif ok:
            status, message = JobStatus.PARTIAL, f"{len(ok)} of {len(final.results)} images ready"
            if missing:
                message += f"; {len(missing)} not downloaded yet, fetched again on resume"
        else:
            status = JobStatus.FAILED
            message = failed[0].message if failed and failed[0].message else "no image came back"
        code = failed[0].code if status == JobStatus.FAILED and failed else None
        if code is None and status is JobStatus.FAILED and missing:
            code = DOWNLOAD_FAILED
        self.library.set_status(
            job.id,
            status,
            error_code=code,
            error_message=None if status != JobStatus.FAILED else message,
        )
        self.emit(status, message, results=final.results, notice=run.notice)

    def _fail(self, status: JobStatus, err: XPaintError, **kw: object) -> None:
        self.library.set_status(
            self.job_id,
            status,
            error_code=err.code,
            error_message=err.message,
            request_id=err.request_id,
        )
        self.emit(status, err.message, error=err, **kw)
