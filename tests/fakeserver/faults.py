"""The knobs that make the stand-in misbehave the way the real service can.

Tests mutate `FakeDashScope.faults` between requests; single attribute writes are atomic in
CPython, and the counters that the server consumes (`error_burst`, `drop_next`, `fail_tasks`)
are decremented under the server's lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.fakeserver import protocol


@dataclass
class ErrorBurst:
    """Answer the next `count` requests whose path contains `path_contains` with this error."""

    count: int = 1
    status: int = 500
    code: str = "InternalError"
    message: str = protocol.MSG_INTERNAL
    path_contains: str = ""
    after_processing: bool = False  # the request is executed (a task made), then this answered


@dataclass
class DropRule:
    """Close the connection of the next `count` matching requests without an answer.

    With `after_processing` the request is executed first (a create makes its task) and only the
    answer is lost: the case where a client cannot know whether the service acted.
    """

    count: int = 1
    path_contains: str = ""
    after_processing: bool = False
    stall_s: float = 0.0  # keep the connection silent this long before closing it


Fault = ErrorBurst | DropRule


@dataclass
class TaskFailure:
    """Tasks created while this is set end FAILED with this code and message.

    `count=None` fails every task; a number fails only that many, then the rule clears itself.
    """

    code: str = "DataInspectionFailed"
    message: str = "Output data may contain inappropriate content."
    count: int | None = None


@dataclass
class Faults:
    """Every knob; the defaults behave like the real service on a good day."""

    latency_s: float = 0.0
    rate_limit_per_s: float | None = 2.0
    max_in_progress: int | None = None  # None: each model's own limit (1 or 2)
    error_burst: ErrorBurst | None = None
    drop_next: DropRule | None = None
    partial_failures: frozenset[int] = field(default_factory=frozenset)
    fail_tasks: TaskFailure | None = None
    suspend: bool = False
    task_seconds: float = 0.0
    expire_after_s: float = protocol.TASK_TTL_S
    result_ttl_s: float = protocol.RESULT_TTL_S
    reject_content: tuple[str, ...] = ()
    list_lag_s: float = 0.0  # how long a new task takes to appear in the task list
    # One fault per matching request, in order (each entry's `count` is ignored); a `None`
    # entry lets one matching request through untouched.
    script: list[Fault | None] = field(default_factory=list)
    script_path: str = ""
    quota_exhausted: tuple[str, ...] = ()  # models whose free quota is used up (403)
    # Render a task's results as soon as its inputs are read, before any query reports it
    # SUCCEEDED (as the service has them stored), instead of on their first download.
    render_ahead: bool = False
