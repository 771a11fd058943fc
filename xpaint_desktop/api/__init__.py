"""The DashScope wire protocol: requests, responses, errors, upload, polling, task list.

No Qt here: the client is synchronous and runs in whatever thread the caller gives it.
"""

from __future__ import annotations

from .client import DEFAULT_USER_AGENT, DashScopeClient
from .errors import error_from_response, explain, task_error
from .models import ResultItem, Task, TaskMetrics, TaskStatus, parse_task
from .polling import PollSchedule, PollTimer
from .ratelimit import RateLimiter
from .tasklist import TaskFilter, TaskPage, TaskSummary
from .transfer import UploadPolicy, ascii_file_name

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
