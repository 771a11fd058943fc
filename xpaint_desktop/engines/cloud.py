"""The DashScope engine: upload, create, poll, download.

The runner records the moment each creation request goes out and the task id the moment the
service returns it, so a crash, a closed laptop or a lost network costs nothing: the task is
polled again for as long as the service keeps it (24 h). A creation whose answer was lost is
settled with the account's task list (`reconcile`), never sent again blindly. Creations of
this process go one at a time from sending to storing the id, so they never mistake each
other for a lost task.

Each result is downloaded on its own: one that fails is recorded as missing and fetched again
on resume, the others are kept.

`mask_color` is applied when the mask is loaded (the listed colours become white), so the
service always receives a black-and-white mask and the parameter is not sent.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PIL import Image

from xpaint_desktop.api.client import DashScopeClient
from xpaint_desktop.api.errors import task_error
from xpaint_desktop.api.models import Task, TaskStatus
from xpaint_desktop.api.tasklist import MAX_WINDOW, TaskFilter, TaskSummary
from xpaint_desktop.engines.base import EngineContext, EngineResult, EngineRun
from xpaint_desktop.engines.reconcile import (
    Settlement,
    SettlePolicy,
    candidates_text,
    check,
)
from xpaint_desktop.errors import (
    Cancellation,
    CancelledError,
    ChoiceNeededError,
    ConfigError,
    OutcomeUnknownError,
    ServiceError,
    TaskExpiredError,
    TaskFailedError,
    XPaintError,
)
from xpaint_desktop.imaging.limits import limits_for
from xpaint_desktop.imaging.prepare import PreparedImages
from xpaint_desktop.imaging.validation import check_region
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.models import DOWNLOAD_FAILED, TASK_RETENTION, JobRecord, JobStatus
from xpaint_desktop.library.notes import Note, NoteKind
from xpaint_desktop.settings import Settings, endpoint_region
from xpaint_desktop.spec import EngineKind

log = logging.getLogger(__name__)

_STATUS_FOR_TASK = {
    TaskStatus.PENDING: JobStatus.PENDING,
    TaskStatus.RUNNING: JobStatus.RUNNING,
    TaskStatus.SUSPENDED: JobStatus.SUSPENDED,
}
# PENDING and SUSPENDED are reported again this often, with how long they have lasted.
LONG_WAIT_REPORT_S = 30.0
# An UNKNOWN answer for a young task is asked again after these pauses before the list.
UNKNOWN_RECHECKS_S = (1.0, 2.0, 4.0)
_SEND_AGAIN_LIMIT = 3

ClientFactory = Callable[[str, Settings], DashScopeClient]


def default_client_factory(api_key: str, settings: Settings) -> DashScopeClient:
    return DashScopeClient(
        api_key,
        settings.base_url(),
        proxy=settings.proxy or None,
        creations_per_second=settings.creations_per_second,
    )


class CloudEngine:
    """Runs jobs on DashScope with the limits of the account (creations/s, one at a time)."""

    kind = EngineKind.CLOUD

    def __init__(
        self,
        settings: Settings,
        key_store: ApiKeyStore,
        client_factory: ClientFactory = default_client_factory,
        *,
        settle_policy: SettlePolicy | None = None,
        unknown_rechecks_s: tuple[float, ...] = UNKNOWN_RECHECKS_S,
        long_wait_report_s: float = LONG_WAIT_REPORT_S,
    ) -> None:
        self.settings = settings
        self.key_store = key_store
        self.settle_policy = settle_policy or SettlePolicy()
        self.unknown_rechecks_s = unknown_rechecks_s
        self.long_wait_report_s = long_wait_report_s
        self._client_factory = client_factory
        self._client: DashScopeClient | None = None
        self._client_key: tuple[str, str, str, float] | None = None
        self._lock = threading.Lock()
        # From sending a creation to storing its task id (or settling it): one at a time.
        self._creating = threading.Lock()

    # -- the client, shared so that its rate limiter sees every creation -----------------
    def client(self) -> DashScopeClient:
        key = self.key_store.get()
        if not key:
            raise ConfigError(
                "No DashScope API key: set one in Preferences or in DASHSCOPE_API_KEY, "
                "or use the offline engine.",
                code="NoApiKey",
            )
        ident = (
            key,
            self.settings.base_url(),
            self.settings.proxy,
            self.settings.creations_per_second,
        )
        with self._lock:
            if self._client is None or self._client_key != ident:
                if self._client is not None:
                    self._client.close()
                self._client = self._client_factory(key, self.settings)
                self._client_key = ident
            return self._client

    def warm_up(self) -> None:
        """Create the client (its TLS set-up reads the certificate store) in a thread while the
        image is prepared; `client()` then returns it. Nothing is sent."""

        def create() -> None:
            try:
                self.client()
            except Exception:  # no key, a bad setting: `run` reports it
                log.debug("client not created ahead", exc_info=True)

        threading.Thread(target=create, name="xpaint-client", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    # -- Engine protocol ---------------------------------------------------------------
    def can_resume(self, job: JobRecord) -> bool:
        return bool(job.task_id)

    def run(self, ctx: EngineContext, prepared: PreparedImages) -> EngineRun:
        spec = ctx.job.spec
        limits = limits_for(spec.model)
        check_region(limits, endpoint_region(self.settings))
        client = self.client()
        ctx.report(JobStatus.UPLOADING, Note(NoteKind.UPLOADING))
        base_name = f"job{ctx.job.id}-base{prepared.base_ext}"
        base_url, mask_url = client.upload_many(
            [(prepared.base_bytes, base_name), (prepared.mask_bytes, f"job{ctx.job.id}-mask.png")],
            spec.model,
        )
        if ctx.should_stop():
            raise CancelledError("stopped before the task was created")
        task_id: str | None = None
        with self._creating:
            for _attempt in range(_SEND_AGAIN_LIMIT):
                sent_at = datetime.now(UTC)
                ctx.creation_sent(sent_at)
                ctx.report(JobStatus.SUBMITTING, Note(NoteKind.CREATING))
                try:
                    task = client.create_task(
                        spec.model,
                        spec.prompt,
                        base_url,
                        mask_url,
                        function=limits.function,
                        style=spec.style,
                        size=prepared.size if limits.takes_size else None,
                        n=spec.n,
                        seed=spec.seed,
                        watermark=spec.watermark,
                        oss_resolve=True,
                    )
                    task_id = task.task_id
                except OutcomeUnknownError as e:
                    ctx.report(JobStatus.UNCERTAIN, Note(NoteKind.ANSWER_LOST, detail=e.message))
                    task_id = self._settle(ctx, client, sent_at, datetime.now(UTC))
                    if task_id is None:
                        log.info("job %s: no task was created; sending again", ctx.job.id)
                        continue
                if task_id is not None:
                    ctx.task_created(task_id)
                    break
            if task_id is None:
                raise OutcomeUnknownError(
                    f"The service did not answer {_SEND_AGAIN_LIMIT} creation requests and "
                    "made no task for them; try again later."
                )
        ctx.report(JobStatus.PENDING, Note(NoteKind.TASK_QUEUED, task_id=task_id))
        return self._finish(ctx, client, task_id)

    def resume(self, ctx: EngineContext) -> EngineRun:
        assert ctx.job.task_id, "resume needs a task id"
        return self._finish(ctx, self.client(), ctx.job.task_id)

    def settle(self, ctx: EngineContext) -> str | None:
        job = ctx.job
        sent_at = job.creation_sent_at or job.updated_at - self.settle_policy.in_flight
        ctx.report(JobStatus.UNCERTAIN, Note(NoteKind.CHECKING_TASK_LIST))
        with self._creating:
            task_id = self._settle(ctx, self.client(), sent_at, None)
            if task_id is not None:
                ctx.task_created(task_id)
            return task_id

    def candidates(self, job: JobRecord, known: set[str]) -> tuple[TaskSummary, ...]:
        """The tasks that could be this uncertain job's (for a person to choose from)."""
        sent_at = job.creation_sent_at or job.updated_at - self.settle_policy.in_flight
        verdict = check(
            self.client(),
            job.spec.model,
            known=known,
            sent_at=sent_at,
            answered_by=None,
            policy=self.settle_policy,
        )
        return verdict.candidates

    def tasks_elsewhere(self, known: Callable[[datetime], set[str]]) -> list[TaskSummary]:
        """Tasks of the account still in progress that this library does not own: started on
        other devices or with other keys, they share the account's in-progress limit."""
        now = datetime.now(UTC)
        since = now - MAX_WINDOW + timedelta(minutes=1)
        mine = known(since - timedelta(hours=1))
        return [
            t
            for t in self.client().list_tasks(TaskFilter(start=since, end=now))
            if t.status in _STATUS_FOR_TASK and t.task_id not in mine
        ]

    def cancel(self, job: JobRecord) -> bool:
        if not job.task_id:
            return False
        try:
            self.client().cancel_task(job.task_id)
        except Exception as e:  # the task may already be running: that is an answer, not a bug
            log.info("cancel of task %s refused: %s", job.task_id, getattr(e, "code", e))
            return False
        return True

    # -- settling a lost answer ----------------------------------------------------------
    def _settle(
        self,
        ctx: EngineContext,
        client: DashScopeClient,
        sent_at: datetime,
        answered_by: datetime | None,
    ) -> str | None:
        policy = self.settle_policy
        while True:
            verdict = check(
                client,
                ctx.job.spec.model,
                known=ctx.known_task_ids(sent_at - policy.clock_margin),
                sent_at=sent_at,
                answered_by=answered_by,
                policy=policy,
            )
            if verdict.settlement is Settlement.ADOPT:
                log.info("job %s: adopting task %s from the list", ctx.job.id, verdict.task_id)
                return verdict.task_id
            if verdict.settlement is Settlement.SEND_AGAIN:
                return None
            if verdict.settlement is Settlement.CHOOSE:
                raise ChoiceNeededError(
                    "The creation request got no answer, and the account has several tasks "
                    f"from that moment: {candidates_text(verdict.candidates)}. Choose the one "
                    "that belongs to this job, or send the job again.",
                    verdict.candidates,
                )
            _pause(policy.recheck.total_seconds(), ctx)

    # -- after creation ----------------------------------------------------------------
    def _wait(self, ctx: EngineContext, client: DashScopeClient, task_id: str) -> Task:
        """Poll to a terminal status; an UNKNOWN answer for a young task is checked again
        (queries with pauses, then the list) before anything is concluded."""
        seen: dict[str, float] = {}  # status -> when first seen (monotonic)
        last_report = [0.0]

        def on_update(task: Task) -> None:
            now = time.monotonic()
            status = task.status
            if status is TaskStatus.UNRECOGNISED:
                return
            fresh = status.value not in seen
            since = seen.setdefault(status.value, now)
            if status not in _STATUS_FOR_TASK:
                return
            lasted = now - since
            every = self.long_wait_report_s
            long_wait = status is not TaskStatus.RUNNING and lasted >= every
            if fresh or (long_wait and now - last_report[0] >= every):
                last_report[0] = now
                waited = lasted if long_wait else None
                note = Note(
                    NoteKind.TASK_STATUS, task_id=task_id, status=status.value, seconds=waited
                )
                ctx.report(_STATUS_FOR_TASK[status], note)

        rechecks = list(self.unknown_rechecks_s)
        while True:
            task = client.wait(task_id, on_update=on_update, should_stop=ctx.should_stop)
            if task.status is not TaskStatus.UNKNOWN or self._past_retention(ctx.job):
                return task
            if rechecks:
                log.info("task %s reads UNKNOWN; asking again", task_id)
                _pause(rechecks.pop(0), ctx)
                continue
            listed = client.list_tasks(TaskFilter(task_id=task_id))
            if not listed or listed[0].status is TaskStatus.UNKNOWN:
                return task
            log.info("task %s reads UNKNOWN but is listed as %s", task_id, listed[0].status)
            rechecks = list(self.unknown_rechecks_s)

    @staticmethod
    def _past_retention(job: JobRecord) -> bool:
        sent = job.creation_sent_at or job.created_at
        return datetime.now(UTC) - sent >= TASK_RETENTION

    def _finish(self, ctx: EngineContext, client: DashScopeClient, task_id: str) -> EngineRun:
        task = self._wait(ctx, client, task_id)
        if task.status == TaskStatus.UNKNOWN:
            if self._past_retention(ctx.job):
                raise TaskExpiredError(
                    "The service no longer knows this task (tasks are kept 24 hours). "
                    "The inputs are kept: run the job again.",
                    request_id=task.request_id,
                )
            raise TaskExpiredError(
                f"The service says, again and in its task list, that it does not know task "
                f"{task_id}, although it is younger than the 24 hours tasks are kept. "
                "The inputs are kept: run the job again.",
                code="TaskUnknown",
                request_id=task.request_id,
            )
        if task.status == TaskStatus.CANCELED:
            raise CancelledError(
                f"Task {task_id} was cancelled on the service.", kind=Cancellation.ON_SERVICE
            )
        if task.status == TaskStatus.FAILED:
            raise task_error(task) or TaskFailedError("the task failed", request_id=task.request_id)
        done = {r.index for r in ctx.job.results if r.path}
        ctx.report(JobStatus.DOWNLOADING, Note(NoteKind.DOWNLOADING))
        wanted = [item for item in task.results if item.index not in done]
        fetched = iter(client.fetch_each([item.url for item in wanted if item.url]))
        results = [
            self._received(ctx, item.index, next(fetched))
            if item.url
            else EngineResult(item.index, code=item.code, message=item.message)
            for item in wanted
        ]
        return EngineRun(tuple(results), image_count=task.image_count)

    def _received(self, ctx: EngineContext, index: int, got: bytes | XPaintError) -> EngineResult:
        """One result on its own: decoded, or recorded as missing (fetched again on resume)."""
        if isinstance(got, bytes):
            try:
                with Image.open(io.BytesIO(got)) as im:
                    im.load()
                    return EngineResult(index, image=im.convert("RGB"), data=got)
            except OSError as e:
                got = ServiceError(f"the file is not an image ({e})", code="BadImage")
        log.warning("job %s: result %d not downloaded: %s", ctx.job.id, index, got.code)
        if self._past_retention(ctx.job):
            return EngineResult(
                index,
                code="ResultExpired",
                message="The result's link has expired (links last 24 hours).",
            )
        return EngineResult(
            index,
            code=DOWNLOAD_FAILED,
            message=f"Result {index + 1} could not be downloaded ({_why(got)}); "
            "it is fetched again when the job is resumed.",
        )


def _why(err: XPaintError) -> str:
    """A failed download's reason without guessing at expiry (the task's age decides that)."""
    if err.http_status is not None:
        return f"HTTP {err.http_status}"
    return err.code


def _pause(seconds: float, ctx: EngineContext) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ctx.should_stop():
            raise CancelledError("stopped while waiting for the service")
        time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))
