"""The job runner: a queue of library jobs worked off by one fixed set of workers.

It is plain Python so the window (through `worker.py`) and the command line share it. The
number of workers is the tasks-in-progress setting (`set_max_in_progress` follows a change):
each worker holds at most one job, so at most that many tasks run on the service. Every stage
is written to the library by the runner (`execute.Execution`), never by an engine, and reported
as a `JobEvent`. `resume_unfinished` picks up every job the one resume rule
(`JobRecord.resumable_at`) names, including creations whose answer was lost: those are settled
with the account's task list, never sent again blindly.

Cancelling is honest about what the service allows: a queued job is removed; a task still
PENDING is cancelled on the service; a RUNNING task cannot be stopped there, so the runner only
stops waiting for it, and (unless told otherwise) downloads its paid result later.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from PIL import Image

from xpaint_desktop.api.tasklist import TaskSummary
from xpaint_desktop.engines.base import Engine
from xpaint_desktop.errors import Cancellation, InputError
from xpaint_desktop.imaging.limits import limits_for, tasks_in_progress_allowed
from xpaint_desktop.imaging.validation import check_mask_not_empty, check_mask_size, validate_spec
from xpaint_desktop.jobs.execute import EventCallback, Execution, JobEvent, Settled
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.locks import JobClaim
from xpaint_desktop.library.models import TASK_RETENTION, JobRecord, JobStatus
from xpaint_desktop.library.notes import Note, NoteKind
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings, load_settings
from xpaint_desktop.spec import EngineKind, JobSpec

log = logging.getLogger(__name__)
# Jobs submitted here whose inputs are kept decoded until they run (each is a whole photo).
_DECODED_KEPT = 2

__all__ = ["CancelOutcome", "EventCallback", "JobEvent", "JobRunner", "Settled"]


class CancelOutcome(StrEnum):
    """What `JobRunner.cancel` could do; the window says exactly this."""

    REMOVED = "removed"  # it was still queued: nothing was sent
    CANCELLED = "cancelled"  # stopped before its task was created, or cancelled while PENDING
    STOPPED_WAITING = "stopped_waiting"  # the task runs on; its result is still fetched (also
    # the answer to any later cancel of that job: its billed result is never dropped)
    ABANDONED = "abandoned"  # the task runs on and is billed; its result is not fetched
    NOT_RUNNING = "not_running"  # nothing to cancel


def default_engines(settings: Settings, key_store: ApiKeyStore) -> dict[EngineKind, Engine]:
    from xpaint_desktop.engines.cloud import CloudEngine
    from xpaint_desktop.engines.local import LocalEngine

    return {
        EngineKind.CLOUD: CloudEngine(settings, key_store),
        EngineKind.LOCAL: LocalEngine(),
    }


class JobRunner:
    """Executes queued jobs from the library on a fixed set of workers, reporting every stage."""

    def __init__(
        self,
        library: Library,
        *,
        settings: Settings | None = None,
        key_store: ApiKeyStore | None = None,
        engines: dict[EngineKind, Engine] | None = None,
        on_event: EventCallback | None = None,
        warm_composites: bool = False,
    ) -> None:
        """`warm_composites`: decode a job's stored photo for its composites while the
        service works (for a window, which shows them at once)."""
        self.library = library
        self.warm_composites = warm_composites
        self.settings = settings or load_settings()
        self.key_store = key_store or ApiKeyStore(self.settings)
        self.engines = engines or default_engines(self.settings, self.key_store)
        self.on_event = on_event
        self._queue: deque[int] = deque()
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._closing = False
        self._stops: dict[int, Cancellation] = {}
        # Jobs whose waiting was stopped: their task runs on, billed; a cancel leaves them be.
        self._waiting_stopped: set[int] = set()
        self._running: set[int] = set()
        self._claims: dict[int, JobClaim] = {}
        # inputs of jobs submitted here, still decoded (the latest few: they are big)
        self._decoded: dict[int, tuple[Image.Image, Image.Image]] = {}
        self._models: dict[int, str] = {}  # a queued or running cloud job's model
        self._settled: dict[int, str] = {}
        # Enough workers for the most tasks any model allows in progress (`_startable` keeps
        # each model to its own limit), or the setting's number when that is higher.
        self._target = tasks_in_progress_allowed(self.settings.tasks_in_progress)
        self._workers = 0

    # -- the worker set ----------------------------------------------------------------
    @property
    def max_in_progress(self) -> int:
        return self._target

    def set_max_in_progress(self, count: int) -> None:
        """Follow the tasks-in-progress setting: more workers start at once, surplus ones
        leave after their current job."""
        with self._cond:
            self._target = tasks_in_progress_allowed(count)
            self._cond.notify_all()
            if self._workers:
                self._spawn()

    def start(self) -> None:
        """Start the workers (idempotent); they run until `close`."""
        with self._cond:
            self._spawn()

    def _spawn(self) -> None:
        while self._workers < self._target:
            self._workers += 1
            threading.Thread(
                target=self._work, name=f"xpaint-job-{self._workers}", daemon=True
            ).start()

    def _work(self) -> None:
        while True:
            with self._cond:
                while (job_id := self._startable()) is None or self._stop.is_set():
                    if self._closing or self._workers > self._target:
                        self._workers -= 1
                        self._cond.notify_all()
                        return
                    self._cond.wait()
                if self._workers > self._target:
                    self._workers -= 1
                    self._cond.notify_all()
                    return
                self._queue.remove(job_id)
                self._running.add(job_id)
            self._run(job_id)

    def _startable(self) -> int | None:
        """The first queued job whose model has a task slot free (call with `_cond` held).

        Each model allows its own number of tasks in progress (`ModelLimits`, or the setting
        when that is higher): two wanx2.1-imageedit jobs run side by side, while a second
        wanx-x-painting job stays queued here until the first one's task has finished.
        """
        busy: dict[str, int] = {}
        for running in self._running:
            model = self._models.get(running)
            if model:
                busy[model] = busy.get(model, 0) + 1
        for job_id in self._queue:
            model = self._models.get(job_id)
            if not model:
                return job_id
            allowed = tasks_in_progress_allowed(self.settings.tasks_in_progress, model)
            if busy.get(model, 0) < allowed:
                return job_id
        return None

    def _run(self, job_id: int) -> None:
        with self._cond:
            claim = self._claims.pop(job_id, None)
        try:
            # One process runs a job: the claim, then a fresh look (another process may have
            # finished or deleted it since it was queued here).
            claim = claim or self.library.claim_job(job_id)
            current = self.library.get_jobs([job_id]) if claim is not None else []
            if claim is None or not current or not current[0].resumable_at(datetime.now(UTC)):
                log.info("job %s is run, finished or deleted by another process", job_id)
                return
            engine = self.engines[current[0].spec.engine]
            with self._cond:
                inputs = self._decoded.pop(job_id, None)
            Execution(
                self.library,
                engine,
                job_id,
                self._emit,
                lambda: self._stop_reason(job_id),
                lambda how: self._settled.__setitem__(job_id, how),
                inputs=inputs,
                warm_composites=self.warm_composites,
            ).run()
        finally:
            if claim is not None:
                claim.release()
            with self._cond:
                self._running.discard(job_id)
                reason = self._stops.pop(job_id, None)
                if reason is not Cancellation.STOPPED_WAITING:
                    self._models.pop(job_id, None)
                    self._waiting_stopped.discard(job_id)
                if reason is Cancellation.STOPPED_WAITING:
                    self._queue.append(job_id)  # its result is still fetched, after the others
                self._cond.notify_all()

    def _stop_reason(self, job_id: int) -> Cancellation | None:
        if self._stop.is_set():
            return Cancellation.SHUTDOWN
        return self._stops.get(job_id)

    # -- queue -------------------------------------------------------------------------
    def submit(
        self,
        spec: JobSpec,
        base: Image.Image,
        mask: Image.Image,
        source_name: str,
        *,
        base_bytes: bytes | None = None,
    ) -> int:
        """Validate, write the inputs to the library (status queued) and queue the job.

        `base_bytes`: the photo file `base` was loaded from, kept as it is (see `NewJob`).
        """
        spec = validate_spec(spec, limits_for(spec.model))
        check_mask_size(mask.size, base.size, image_name=source_name)
        check_mask_not_empty(mask.convert("L"))
        job = self.library.create_job(spec, base, mask, source_name, base_bytes=base_bytes)
        claim = self.library.claim_job(job.id)  # no other process may start it meanwhile
        if claim is not None:
            with self._cond:
                self._claims[job.id] = claim
                self._decoded[job.id] = (base, mask)  # prepared from these, not decoded again
                while len(self._decoded) > _DECODED_KEPT:
                    self._decoded.pop(next(iter(self._decoded)))
        self.enqueue(job.id, job)
        self._emit(JobEvent.of(job.id, JobStatus.QUEUED, Note(NoteKind.QUEUED), 0.0))
        return job.id

    def enqueue(self, job_id: int, job: JobRecord | None = None) -> None:
        """Queue a job that is already in the library (e.g. to run it again)."""
        job = job or self.library.get_job(job_id)
        model = job.spec.model if job.spec.engine is EngineKind.CLOUD else ""
        with self._cond:
            if job_id not in self._queue and job_id not in self._running:
                self._models[job_id] = model
                self._queue.append(job_id)
                self._cond.notify_all()

    def pending_ids(self) -> list[int]:
        with self._cond:
            return list(self._queue)

    def settled(self, job_id: int) -> str | None:
        """How an uncertain creation of this job was settled in this run (`Settled`), if it was."""
        return self._settled.get(job_id)

    # -- cancel, choose ----------------------------------------------------------------
    def cancel(self, job_id: int, *, keep_result: bool = True) -> CancelOutcome:
        """Cancel as far as the service allows (see the module docstring).

        For a task already running, `keep_result` says whether its paid result is still
        downloaded (the default) or left on the service.
        """
        with self._cond:
            if job_id in self._waiting_stopped:
                # Its task runs on and is billed: a second cancel changes nothing, the result
                # is still fetched into the library.
                return CancelOutcome.STOPPED_WAITING
            if job_id in self._queue:
                self._queue.remove(job_id)
                claim = self._claims.pop(job_id, None)
                if claim is not None:
                    claim.release()
                self._models.pop(job_id, None)
                self._decoded.pop(job_id, None)
                queued = True
            else:
                queued = False
                running = job_id in self._running
        if queued:
            self.library.set_status(job_id, JobStatus.CANCELLED)
            self._emit(
                JobEvent.of(
                    job_id,
                    JobStatus.CANCELLED,
                    Note(NoteKind.CANCELLED),
                    0.0,
                    cancellation=Cancellation.BY_PERSON,
                )
            )
            return CancelOutcome.REMOVED
        if not running:
            return CancelOutcome.NOT_RUNNING
        job = self.library.get_job(job_id)
        engine = self.engines[job.spec.engine]
        if not job.task_id and not job.creation_sent_at:
            self._stops[job_id] = Cancellation.BY_PERSON
            return CancelOutcome.CANCELLED
        if job.status == JobStatus.PENDING and engine.cancel(job):
            return CancelOutcome.CANCELLED  # the poll sees CANCELED and ends the job
        if keep_result:
            with self._cond:
                self._stops[job_id] = Cancellation.STOPPED_WAITING
                self._waiting_stopped.add(job_id)
            return CancelOutcome.STOPPED_WAITING
        self._stops[job_id] = Cancellation.BY_PERSON
        return CancelOutcome.ABANDONED

    def candidates(self, job_id: int) -> tuple[TaskSummary, ...]:
        """The tasks a person may choose from for a job AWAITING_CHOICE (`TaskSummary`s)."""
        job = self.library.get_job(job_id)
        engine = self.engines[job.spec.engine]
        since = (job.creation_sent_at or job.updated_at) - timedelta(minutes=10)
        return engine.candidates(job, self.library.task_ids_since(since))

    def tasks_in_progress_elsewhere(self) -> list[TaskSummary]:
        """The account's tasks in progress that no job of this library owns (from the
        service's task list): for the usage view, since they share the one in-progress limit."""
        engine = self.engines.get(EngineKind.CLOUD)
        return [] if engine is None else engine.tasks_elsewhere(self.library.task_ids_since)

    def adopt(self, job_id: int, task_id: str) -> None:
        """A person says `task_id` is this job's task: store it and queue the job to fetch it."""
        job = self.library.get_job(job_id)
        if job.task_id:
            raise InputError(f"Job {job_id} already has task {job.task_id}.")
        owner = self._owner_of(task_id)
        if owner is not None:
            raise InputError(f"Task {task_id} already belongs to job {owner}.")
        self.library.set_task_id(job_id, task_id)
        self.library.set_status(job_id, JobStatus.PENDING)
        self._settled[job_id] = Settled.ADOPTED
        self.enqueue(job_id)

    def send_again(self, job_id: int) -> None:
        """A person says none of the listed tasks is this job's: send it again."""
        job = self.library.get_job(job_id)
        if job.task_id:
            raise InputError(f"Job {job_id} already has task {job.task_id}; it is not sent again.")
        self.library.set_creation_sent(job_id, None)
        self.library.set_status(job_id, JobStatus.QUEUED)
        self._settled[job_id] = Settled.SENT_AGAIN
        self.enqueue(job_id)

    def _owner_of(self, task_id: str) -> int | None:
        for job in self.library.list_jobs(date_from=datetime.now(UTC) - 2 * TASK_RETENTION):
            if job.task_id == task_id:
                return job.id
        return None

    # -- resume, run ---------------------------------------------------------------------
    def request_stop(self) -> None:
        """Stop the running jobs at their next step; they stay resumable."""
        self._stop.set()

    def resumable_jobs(self) -> list[JobRecord]:
        """Every job the resume rule names, oldest first."""
        now = datetime.now(UTC)
        unfinished = self.library.unfinished_jobs()
        recent = self.library.list_jobs(
            statuses=[JobStatus.PARTIAL, JobStatus.FAILED],
            date_from=now - TASK_RETENTION,
            descending=False,
        )
        return [j for j in unfinished + recent if j.resumable_at(now)]

    def resume_unfinished(self) -> list[int]:
        """Queue every job the resume rule names; their ids."""
        jobs = self.resumable_jobs()
        for job in jobs:
            self.enqueue(job.id, job)
        return [job.id for job in jobs]

    def run_next(self) -> int | None:
        """Run the next queued job to its end in the calling thread; its id, or None."""
        with self._cond:
            if not self._queue:
                return None
            if not self._running:
                self._stop.clear()  # a stop applies to the jobs running when it was asked
            job_id = self._queue.popleft()
            self._running.add(job_id)
        self._run(job_id)
        return job_id

    def run_until_idle(self, parallel: int | None = None) -> None:
        """Let the workers run queued jobs until none is left (or a stop was asked)."""
        if parallel is not None:
            self.set_max_in_progress(parallel)
        with self._cond:
            if not self._running:
                self._stop.clear()
            self._spawn()
            self._cond.notify_all()
            while self._running or (self._queue and not self._stop.is_set()):
                self._cond.wait()

    def close(self) -> None:
        """End the workers (after their current job) and close every engine."""
        with self._cond:
            self._closing = True
            claims, self._claims = list(self._claims.values()), {}
            self._decoded.clear()
            self._cond.notify_all()
        for claim in claims:
            claim.release()
        for engine in self.engines.values():
            engine.close()

    def _emit(self, event: JobEvent) -> None:
        if self.on_event is not None:
            self.on_event(event)
