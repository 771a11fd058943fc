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
from typing import Any

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
from xpaint_desktop.library.notes import Note, NoteKind, stored_code
from xpaint_desktop.library.patches import open_photo
from xpaint_desktop.library.store import Library

log = logging.getLogger(__name__)


class Settled:
    """How an uncertain creation was settled (for the one line `resume` prints)."""

    ADOPTED = "adopted"
    SENT_AGAIN = "sent again"


@dataclass(frozen=True)
class JobEvent:
    """One stage change of one job, as the window and the command line see it.

    `message` is `note` in English (the command line, the log); the window says `note` in the
    person's language."""

    job_id: int
    status: JobStatus
    message: str
    elapsed_s: float
    results: tuple[ResultRecord, ...] = ()
    error: XPaintError | None = None
    notice: str | None = None
    cancellation: Cancellation | None = None
    candidates: tuple[object, ...] = ()  # api.tasklist.TaskSummary, for AWAITING_CHOICE
    note: Note | None = None

    @classmethod
    def of(
        cls, job_id: int, status: JobStatus, note: Note, elapsed_s: float, **kw: object
    ) -> JobEvent:
        """An event whose message is `note` in English."""
        return cls(job_id, status, note.english(), elapsed_s, note=note, **kw)  # type: ignore[arg-type]


EventCallback = Callable[[JobEvent], None]


def _note_of(err: XPaintError) -> Note | None:
    """What an error that stops a job means beyond its own words, as a note."""
    if isinstance(err, ChoiceNeededError):
        return Note(NoteKind.CHOICE_NEEDED)
    if isinstance(err, OutcomeUnknownError):
        return Note(NoteKind.ANSWER_LOST, detail=err.message)
    return None


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

    def emit(self, status: JobStatus, note: Note, **kw: object) -> None:
        error = kw.get("error")
        if isinstance(error, XPaintError):
            log.info("job %s: %s (%s)", self.job_id, status.value, error.code)
        else:
            log.debug("job %s: %s", self.job_id, status.value)
        self._emit_event(JobEvent.of(self.job_id, status, note, self.elapsed(), **kw))

    def _emit_error(self, status: JobStatus, err: XPaintError, **kw: Any) -> None:
        """An error's own words (the service's, or the application's), with its note if any."""
        log.info("job %s: %s (%s)", self.job_id, status.value, err.code)
        note = _note_of(err)
        self._emit_event(
            JobEvent(self.job_id, status, err.message, self.elapsed(), error=err, note=note, **kw)
        )

    # -- what the engine tells us ----------------------------------------------------------
    def _report(self, status: JobStatus, note: Note) -> None:
        self.library.set_status(self.job_id, status)
        self.emit(status, note)

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
                    self._report(JobStatus.PENDING, Note(NoteKind.ADOPTED, task_id=task_id))
                job = self.library.get_job(self.job_id)
            if job.task_id and self.engine.can_resume(job):
                if not job.status.is_finished:
                    self._report(JobStatus.PENDING, Note(NoteKind.RESUMING, task_id=job.task_id))
                self._warm(job)
                run = self.engine.resume(self._context(job))
            else:
                self._report(JobStatus.PREPARING, Note(NoteKind.PREPARING))
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
            on_service = kind is Cancellation.ON_SERVICE
            kind_of = NoteKind.CANCELLED_ON_SERVICE if on_service else NoteKind.CANCELLED
            self._cancelled(Note(kind_of, task_id=job.task_id or ""), e, kind)
        elif kind is Cancellation.BY_PERSON:  # the task exists and runs: only waiting stops
            self._cancelled(Note(NoteKind.ABANDONED, task_id=job.task_id or ""), e, kind)
        elif kind is Cancellation.STOPPED_WAITING:
            self.emit(job.status, Note(NoteKind.STOPPED_WAITING), cancellation=kind)
        else:
            self.emit(job.status, Note(NoteKind.WILL_RESUME), error=e, cancellation=kind)

    def _cancelled(self, note: Note, e: CancelledError, kind: Cancellation) -> None:
        """A cancelled job keeps its note (as its code, the task id in its own field)."""
        self.library.set_status(
            self.job_id,
            JobStatus.CANCELLED,
            error_code=stored_code(note),
            error_message=note.english(),
        )
        self.emit(JobStatus.CANCELLED, note, error=e, cancellation=kind)

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
        note: Note | None = None
        if ok and not failed:
            status, note = JobStatus.DONE, Note(NoteKind.IMAGES_READY, count=len(ok))
        elif ok:
            status = JobStatus.PARTIAL
            note = Note(
                NoteKind.SOME_IMAGES_READY,
                count=len(ok),
                total=len(final.results),
                missing=len(missing),
            )
        else:
            status = JobStatus.FAILED
            if not (failed and failed[0].message):
                note = Note(NoteKind.NO_IMAGE)
        # a failed image says why in its own words (the service's, kept with the image)
        message = note.english() if note is not None else failed[0].message or ""
        code = failed[0].code if status == JobStatus.FAILED and failed else None
        if code is None and status is JobStatus.FAILED and missing:
            code = DOWNLOAD_FAILED
        if code is None and note is not None and status is JobStatus.FAILED:
            code = stored_code(note)
        self.library.set_status(
            job.id,
            status,
            error_code=code,
            error_message=None if status != JobStatus.FAILED else message,
        )
        self._emit_event(
            JobEvent(
                self.job_id,
                status,
                message,
                self.elapsed(),
                results=final.results,
                notice=run.notice,
                note=note,
            )
        )

    def _fail(self, status: JobStatus, err: XPaintError, **kw: Any) -> None:
        self.library.set_status(
            self.job_id,
            status,
            error_code=err.code,
            error_message=err.message,
            request_id=err.request_id,
        )
        self._emit_error(status, err, **kw)
