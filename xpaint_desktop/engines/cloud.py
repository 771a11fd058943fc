"""The DashScope engine: upload, create, poll, download.

The task id is written to the library the moment the service returns it, so a crash, a closed
laptop or a lost network after that point costs nothing: `resume` picks the task up again for
as long as the service keeps it (24 h). A creation request whose answer never came is not sent
again (it may have been executed and billed); the job is marked `interrupted` instead.

`mask_color` is applied when the mask is loaded (the listed colours become white), so the
service always receives a black-and-white mask and the parameter is not sent.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable

from PIL import Image

from xpaint_desktop.api.client import DashScopeClient
from xpaint_desktop.api.errors import task_error
from xpaint_desktop.api.models import Task, TaskStatus
from xpaint_desktop.config import ApiKeyStore, Settings
from xpaint_desktop.engines.base import EngineContext, EngineResult, EngineRun
from xpaint_desktop.errors import (
    CancelledError,
    ConfigError,
    OutcomeUnknownError,
    TaskExpiredError,
    TaskFailedError,
)
from xpaint_desktop.imaging.prepare import PreparedImages
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.spec import EngineKind

log = logging.getLogger(__name__)

_STATUS_FOR_TASK = {
    TaskStatus.PENDING: JobStatus.PENDING,
    TaskStatus.RUNNING: JobStatus.RUNNING,
    TaskStatus.SUSPENDED: JobStatus.SUSPENDED,
}

ClientFactory = Callable[[str, Settings], DashScopeClient]


def default_client_factory(api_key: str, settings: Settings) -> DashScopeClient:
    return DashScopeClient(
        api_key,
        settings.base_url(),
        proxy=settings.proxy or None,
        creations_per_second=settings.creations_per_second,
    )


class CloudEngine:
    """Runs jobs on DashScope with the limits of the account (creations/s, tasks in progress)."""

    kind = EngineKind.CLOUD

    def __init__(
        self,
        settings: Settings,
        key_store: ApiKeyStore,
        client_factory: ClientFactory = default_client_factory,
    ) -> None:
        self.settings = settings
        self.key_store = key_store
        self._client_factory = client_factory
        self._client: DashScopeClient | None = None
        self._client_key: tuple[str, str, str, float] | None = None
        self._lock = threading.Lock()
        self._in_progress = threading.BoundedSemaphore(max(1, settings.tasks_in_progress))

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

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    # -- Engine protocol ---------------------------------------------------------------
    def can_resume(self, job: JobRecord) -> bool:
        return bool(job.task_id)

    def run(self, ctx: EngineContext, prepared: PreparedImages) -> EngineRun:
        client = self.client()
        spec = ctx.job.spec
        ctx.report(JobStatus.UPLOADING, "uploading the image and the mask")
        base_name = f"job{ctx.job.id}-base{prepared.base_ext}"
        base_url, mask_url = client.upload_many(
            [(prepared.base_bytes, base_name), (prepared.mask_bytes, f"job{ctx.job.id}-mask.png")],
            spec.model,
        )
        if ctx.should_stop():
            raise CancelledError("stopped before the task was created")
        with self._in_progress:
            ctx.report(JobStatus.SUBMITTING, "creating the task")
            try:
                task = client.create_task(
                    spec.model,
                    spec.prompt,
                    base_url,
                    mask_url,
                    style=spec.style,
                    size=prepared.size,
                    n=spec.n,
                    oss_resolve=True,
                )
            except OutcomeUnknownError:
                ctx.library.set_status(
                    ctx.job.id,
                    JobStatus.INTERRUPTED,
                    error_code=OutcomeUnknownError.code,
                    error_message="the service did not answer the creation request; "
                    "it was not sent again so it cannot run twice",
                )
                raise
            ctx.library.set_task_id(ctx.job.id, task.task_id)
            ctx.report(JobStatus.PENDING, f"task {task.task_id} queued on the service")
            return self._finish(ctx, client, task.task_id)

    def resume(self, ctx: EngineContext) -> EngineRun:
        assert ctx.job.task_id, "resume needs a task id"
        client = self.client()
        with self._in_progress:
            return self._finish(ctx, client, ctx.job.task_id)

    def cancel(self, job: JobRecord) -> bool:
        if not job.task_id:
            return False
        try:
            self.client().cancel_task(job.task_id)
        except Exception as e:  # the task may already be running: that is an answer, not a bug
            log.info("cancel of task %s refused: %s", job.task_id, getattr(e, "code", e))
            return False
        return True

    # -- after creation ----------------------------------------------------------------
    def _finish(self, ctx: EngineContext, client: DashScopeClient, task_id: str) -> EngineRun:
        last: list[TaskStatus] = []

        def on_update(task: Task) -> None:
            if task.status in _STATUS_FOR_TASK and (not last or last[-1] != task.status):
                last.append(task.status)
                ctx.report(_STATUS_FOR_TASK[task.status], f"task {task_id}: {task.status.value}")

        task = client.wait(task_id, on_update=on_update, should_stop=ctx.should_stop)
        if task.status == TaskStatus.UNKNOWN:
            raise TaskExpiredError(
                "The service no longer knows this task (tasks are kept 24 hours). "
                "The inputs are kept: run the job again.",
                request_id=task.request_id,
            )
        if task.status == TaskStatus.CANCELED:
            raise CancelledError(f"task {task_id} was cancelled on the service", code="Canceled")
        if task.status == TaskStatus.FAILED:
            raise task_error(task) or TaskFailedError("the task failed", request_id=task.request_id)
        done = {r.index for r in ctx.job.results if r.path}
        ctx.report(JobStatus.DOWNLOADING, "downloading the results")
        wanted = [item for item in task.results if item.index not in done]
        fetched = iter(client.fetch_many([item.url for item in wanted if item.url]))
        results = [
            _decoded(item.index, next(fetched))
            if item.url
            else EngineResult(item.index, code=item.code, message=item.message)
            for item in wanted
        ]
        return EngineRun(tuple(results), image_count=task.image_count)


def _decoded(index: int, data: bytes) -> EngineResult:
    """A downloaded result as the runner composites it, with the bytes it stores."""
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return EngineResult(index, image=im.convert("RGB"), data=data)
