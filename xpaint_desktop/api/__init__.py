"""The DashScope wire protocol: requests, responses, errors, upload, polling, task list.

No Qt here: the client is synchronous and runs in whatever thread the caller gives it. The
parts that speak HTTP (the client, uploads: httpx) load on first use, so that reading the
service's errors or task states does not import an HTTP stack (the window starts faster).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import error_from_response, explain, task_error
from .models import ResultItem, Task, TaskMetrics, TaskStatus, parse_task
from .polling import PollSchedule, PollTimer
from .ratelimit import RateLimiter
from .tasklist import TaskFilter, TaskPage, TaskSummary

if TYPE_CHECKING:
    from .client import DEFAULT_USER_AGENT, DashScopeClient
    from .transfer import UploadPolicy, ascii_file_name

_ON_FIRST_USE = {
    "DEFAULT_USER_AGENT": "client",
    "DashScopeClient": "client",
    "UploadPolicy": "transfer",
    "ascii_file_name": "transfer",
}

__all__ = [
    "DEFAULT_USER_AGENT",
    "DashScopeClient",
    "PollSchedule",
    "PollTimer",
    "RateLimiter",
    "ResultItem",
    "Task",
    "TaskFilter",
    "TaskMetrics",
    "TaskPage",
    "TaskStatus",
    "TaskSummary",
    "UploadPolicy",
    "ascii_file_name",
    "error_from_response",
    "explain",
    "parse_task",
    "task_error",
]


def __getattr__(name: str) -> object:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
