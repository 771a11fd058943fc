"""The account's task list (`GET {base}/tasks/`): what the service itself says was created.

It is the only way to learn about a task whose creation answer was lost, and about tasks of the
same account started elsewhere (other devices, other keys), which share its in-progress limit.

The answer is not wrapped in `output`: `{"request_id", "data": [...], "total", "total_page",
"page_no", "page_size"}`; each entry carries `task_id`, `status`, `model_name`, `gmt_create`,
`start_time` and `end_time` (epoch milliseconds) and `request_id` (of the creating request).
The `start_time`/`end_time` filters are `YYYYMMDDhhmmss` in the service's time zone (UTC+8 for
both the Beijing and the Singapore region) and may span 24 hours at most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from .models import TaskStatus

SERVICE_TZ = timezone(timedelta(hours=8), "UTC+8")
MAX_WINDOW = timedelta(hours=24)
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100


def format_list_time(moment: datetime) -> str:
    """A `start_time`/`end_time` filter value: `YYYYMMDDhhmmss` in the service's time zone."""
    if moment.tzinfo is None:
        raise ValueError("list times must be timezone-aware")
    return moment.astimezone(SERVICE_TZ).strftime("%Y%m%d%H%M%S")


def parse_list_time(text: str) -> datetime:
    """The inverse of `format_list_time`; raises `ValueError` on anything else."""
    if len(text) != 14 or not text.isdigit():
        raise ValueError(f"not a YYYYMMDDhhmmss time: {text!r}")
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=SERVICE_TZ)


def _epoch_ms(value: object) -> datetime | None:
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        return datetime.fromtimestamp(int(str(value).strip()) / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _text(value: object) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


@dataclass(frozen=True)
class TaskSummary:
    """One entry of the task list."""

    task_id: str
    status: TaskStatus
    model: str
    created: datetime | None
    started: datetime | None = None
    ended: datetime | None = None
    request_id: str | None = None
    region: str | None = None
    api_key_id: str | None = None

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> TaskSummary:
        return cls(
            task_id=_text(entry.get("task_id")) or "",
            status=TaskStatus.parse(entry.get("status")),
            model=_text(entry.get("model_name")) or "",
            created=_epoch_ms(entry.get("gmt_create")),
            started=_epoch_ms(entry.get("start_time")),
            ended=_epoch_ms(entry.get("end_time")),
            request_id=_text(entry.get("request_id")),
            region=_text(entry.get("region")),
            api_key_id=_text(entry.get("api_key_id")),
        )


@dataclass(frozen=True)
class TaskPage:
    """One page of the task list, as the service answered it."""

    tasks: tuple[TaskSummary, ...]
    total: int
    total_pages: int
    page_no: int
    page_size: int
    request_id: str | None = None

    @classmethod
    def from_answer(cls, body: Mapping[str, Any]) -> TaskPage:
        data = body.get("data")
        entries = data if isinstance(data, list) else []
        tasks = tuple(
            TaskSummary.from_entry(e)
            for e in entries
            if isinstance(e, Mapping) and e.get("task_id")
        )
        return cls(
            tasks=tasks,
            total=_int(body.get("total"), len(tasks)),
            total_pages=_int(body.get("total_page"), 1),
            page_no=_int(body.get("page_no"), 1),
            page_size=_int(body.get("page_size"), DEFAULT_PAGE_SIZE),
            request_id=_text(body.get("request_id")),
        )


def _int(value: object, default: int) -> int:
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class TaskFilter:
    """The list's query parameters; `start`/`end` must lie within 24 hours of each other."""

    start: datetime | None = None
    end: datetime | None = None
    model: str | None = None
    status: TaskStatus | None = None
    task_id: str | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None:
            if self.end < self.start:
                raise ValueError("the list's end is before its start")
            if self.end - self.start > MAX_WINDOW:
                raise ValueError("the task list spans 24 hours at most")

    def params(self, page_no: int, page_size: int) -> dict[str, str]:
        out = {"page_no": str(page_no), "page_size": str(page_size)}
        if self.start is not None:
            out["start_time"] = format_list_time(self.start)
        if self.end is not None:
            out["end_time"] = format_list_time(self.end)
        if self.model:
            out["model_name"] = self.model
        if self.status is not None:
            out["status"] = self.status.value
        if self.task_id:
            out["task_id"] = self.task_id
        return out
