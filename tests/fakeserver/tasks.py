"""Tasks and their life: queueing behind the in-progress limit, phases, the final outcome.

State moves lazily: every request first calls `TaskBook.advance(now)`, which replays the events
(tasks finishing, queued tasks taking the freed slot) up to `now`. The server's clock can be
moved forward, so a test can see a task expire without waiting a day.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from tests.fakeserver import protocol
from tests.fakeserver.protocol import TaskStatus

PENDING_SHARE = 0.3  # part of the processing time a task shows PENDING before it runs
SUSPENDED_SHARE = 0.3  # part shown SUSPENDED (only with `faults.suspend`)


@dataclass(frozen=True)
class TaskPlan:
    """The faults that apply to one task, frozen when it is created."""

    seconds: float
    suspend: bool = False
    partial_failures: frozenset[int] = frozenset()
    failure: tuple[str, str] | None = None


@dataclass(frozen=True)
class TaskInput:
    """What the create request asked for (the prompt already cut to the service's limit)."""

    model: str
    prompt: str
    base_image_url: str
    mask_image_url: str
    size: str  # empty for a model whose result has the input's size
    n: int
    style: str
    mask_color: tuple[tuple[int, int, int], ...]
    function: str = ""
    seed: int | None = None  # as sent; None: the model picks one per task
    watermark: bool = False

    @property
    def rules(self) -> protocol.ModelRules:
        return protocol.MODELS[self.model]

    @property
    def size_is_valid(self) -> bool:
        return not self.rules.sizes or self.size in self.rules.sizes


@dataclass
class Inputs:
    """The decoded input images, or why they could not be used."""

    base: Image.Image | None = None
    mask: Image.Image | None = None
    failure: tuple[str, str] | None = None
    digest: str = ""  # of both files' bytes: equal inputs give equal results


@dataclass(frozen=True)
class ResultSlot:
    """One entry of `output.results`: a URL's index, or a failure."""

    index: int
    ok: bool
    code: str = ""
    message: str = ""


@dataclass(frozen=True)
class Conclusion:
    """How a task ended."""

    status: TaskStatus
    results: tuple[ResultSlot, ...] = ()
    code: str = ""
    message: str = ""

    @property
    def succeeded(self) -> int:
        return sum(1 for r in self.results if r.ok)


@dataclass
class TaskRecord:
    """One task on the server."""

    task_id: str
    api_key: str
    request: TaskInput
    created: float
    plan: TaskPlan
    seed: int = 0  # the sent seed, or one drawn for the task
    scheduled: float | None = None
    finished: float | None = None
    canceled: float | None = None
    inputs: Inputs | None = None
    ready: threading.Event = field(default_factory=threading.Event)
    request_id: str = ""  # of the creating request, as the task list reports it
    account: str = ""  # tasks of every key of one account share its in-progress limit

    @property
    def owner(self) -> str:
        return self.account or self.api_key

    def status(self, now: float) -> TaskStatus:
        """The status a query would report at `now` (finished tasks need `ready` first)."""
        phase = self.phase(now)
        return phase if phase is not None else self.conclude().status

    @property
    def end_at(self) -> float | None:
        return None if self.scheduled is None else self.scheduled + self.plan.seconds

    def phase(self, now: float) -> TaskStatus | None:
        """The non-terminal status at `now`, or None once the task has finished."""
        if self.canceled is not None:
            return TaskStatus.CANCELED
        if self.finished is not None:
            return None
        if self.scheduled is None:
            return TaskStatus.PENDING
        elapsed = now - self.scheduled
        pending = self.plan.seconds * PENDING_SHARE
        if elapsed < pending:
            return TaskStatus.PENDING
        if self.plan.suspend and elapsed < pending + self.plan.seconds * SUSPENDED_SHARE:
            return TaskStatus.SUSPENDED
        return TaskStatus.RUNNING

    def conclude(self) -> Conclusion:
        """The outcome of a finished task; needs `inputs` (wait on `ready` first)."""
        req, plan = self.request, self.plan
        if plan.failure is not None:
            return self._failed(*plan.failure)
        if not req.size_is_valid:
            return self._failed("InvalidParameter", protocol.MSG_SIZE)
        if self.inputs is None or self.inputs.failure is not None:
            code, message = (
                self.inputs.failure
                if self.inputs is not None and self.inputs.failure
                else ("InternalError", protocol.MSG_INTERNAL)
            )
            return self._failed(code, message)
        slots = tuple(
            ResultSlot(i, False, "InternalError.Timeout", protocol.MSG_TIMEOUT)
            if i in plan.partial_failures
            else ResultSlot(i, True)
            for i in range(req.n)
        )
        if not any(s.ok for s in slots):
            return Conclusion(
                TaskStatus.FAILED, slots, "InternalError.Timeout", protocol.MSG_TIMEOUT
            )
        return Conclusion(TaskStatus.SUCCEEDED, slots)

    def _failed(self, code: str, message: str) -> Conclusion:
        slots = tuple(ResultSlot(i, False, code, message) for i in range(self.request.n))
        return Conclusion(TaskStatus.FAILED, slots, code, message)


class TaskBook:
    """Every task the server knows, and the queue of each account and model behind its limit
    of tasks in progress (the model's own, or `max_in_progress` when a test sets one)."""

    def __init__(self) -> None:
        self._tasks: dict[str, TaskRecord] = {}
        self._freed_at: dict[tuple[str, str], float] = {}

    def __len__(self) -> int:
        return len(self._tasks)

    def all(self) -> list[TaskRecord]:
        return list(self._tasks.values())

    def get(self, task_id: str) -> TaskRecord | None:
        return self._tasks.get(task_id)

    def add(self, task: TaskRecord, now: float, max_in_progress: int | None) -> None:
        self.advance(now, max_in_progress)
        self._tasks[task.task_id] = task
        self.advance(now, max_in_progress)

    def cancel(self, task: TaskRecord, now: float) -> bool:
        if task.phase(now) is not TaskStatus.PENDING:
            return False
        task.canceled = now
        if task.scheduled is not None:
            self._freed_at[task.owner, task.request.model] = now
        return True

    def advance(self, now: float, max_in_progress: int | None) -> None:
        for owner, model in {(t.owner, t.request.model) for t in self._tasks.values()}:
            slots = max_in_progress or protocol.MODELS[model].tasks_in_progress
            self._advance_key((owner, model), now, max(1, slots))

    def peak_in_progress(self, model: str) -> int:
        """The most tasks of `model` that were ever in progress at the same moment."""
        spans = [
            (t.scheduled, t.canceled or t.finished or t.end_at or t.scheduled)
            for t in self._tasks.values()
            if t.request.model == model and t.scheduled is not None
        ]
        return max((sum(1 for s, e in spans if s <= start < e) for start, _ in spans), default=0)

    def _advance_key(self, key: tuple[str, str], now: float, slots: int) -> None:
        live = [
            t
            for t in self._tasks.values()
            if (t.owner, t.request.model) == key and t.finished is None and t.canceled is None
        ]
        while True:
            in_slot = [t for t in live if t.scheduled is not None and t.finished is None]
            queued = [t for t in live if t.scheduled is None]
            if queued and len(in_slot) < slots:
                first = queued[0]
                first.scheduled = max(first.created, self._freed_at.get(key, 0.0))
                continue
            due = [t for t in in_slot if (t.end_at or 0.0) <= now]
            if not due:
                return
            done = min(due, key=lambda t: t.end_at or 0.0)
            done.finished = done.end_at
            self._freed_at[key] = done.finished or now


def task_body(
    task: TaskRecord | None,
    task_id: str,
    now: float,
    request_id: str,
    result_url: Any,
) -> dict[str, Any]:
    """The JSON answer of `GET /tasks/{id}`; `result_url(task, index)` makes a result's URL."""
    if task is None:
        return {
            "request_id": request_id,
            "output": {"task_id": task_id, "task_status": TaskStatus.UNKNOWN.value},
        }
    output: dict[str, Any] = {"task_id": task_id}
    body: dict[str, Any] = {"request_id": request_id, "output": output}
    phase = task.phase(now)
    n = task.request.n
    if phase is not None:
        output["task_status"] = phase.value
        output["submit_time"] = protocol.format_time(task.created)
        if phase is TaskStatus.CANCELED:
            output["end_time"] = protocol.format_time(task.canceled or now)
        elif phase is not TaskStatus.PENDING or task.scheduled is not None:
            output["scheduled_time"] = protocol.format_time(task.scheduled or now)
        output["task_metrics"] = {"TOTAL": n, "SUCCEEDED": 0, "FAILED": 0}
        return body
    end = task.conclude()
    output["task_status"] = end.status.value
    output["submit_time"] = protocol.format_time(task.created)
    output["scheduled_time"] = protocol.format_time(task.scheduled or task.created)
    output["end_time"] = protocol.format_time(task.finished or now)
    if end.status is TaskStatus.FAILED:
        output["code"] = end.code
        output["message"] = end.message
    else:
        output["results"] = [
            {"url": result_url(task, r.index)} if r.ok else {"code": r.code, "message": r.message}
            for r in end.results
        ]
    output["task_metrics"] = {
        "TOTAL": n,
        "SUCCEEDED": end.succeeded,
        "FAILED": n - end.succeeded,
    }
    if end.status is TaskStatus.SUCCEEDED:
        body["usage"] = {"image_count": end.succeeded}
    return body
