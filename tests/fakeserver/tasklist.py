"""The task list (`GET /api/v1/tasks/`) as Model Studio documents its "batch query".

Query parameters: `start_time` and `end_time` (`YYYYMMDDhhmmss`, UTC+8; with neither it is the
last 24 hours, with one the other is 24 hours away from it, and the window may not exceed 24
hours), `model_name`, `status`, `task_id`, `page_no` (default 1) and `page_size` (default 10,
at most 100). The answer is not wrapped in `output`. Tasks are listed newest first; a task
enters the list `faults.list_lag_s` after its creation (the listing is eventually consistent)
and leaves it when its data expires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

from tests.fakeserver import protocol
from tests.fakeserver.protocol import ApiError
from tests.fakeserver.tasks import TaskRecord

LIST_TZ = timezone(timedelta(hours=8))
WINDOW_S = 24 * protocol.HOUR
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
REGION = "cn-beijing"


def _one(query: dict[str, list[str]], name: str) -> str:
    return (query.get(name) or [""])[0].strip()


def _time(query: dict[str, list[str]], name: str) -> float | None:
    text = _one(query, name)
    if not text:
        return None
    try:
        if len(text) != 14 or not text.isdigit():
            raise ValueError(text)
        moment = datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=LIST_TZ)
    except ValueError:
        raise ApiError(
            400, "InvalidParameter", f"{name} must be in the format yyyyMMddHHmmss."
        ) from None
    return moment.timestamp()


def _positive(query: dict[str, list[str]], name: str, default: int, most: int) -> int:
    text = _one(query, name)
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= most:
        raise ApiError(400, "InvalidParameter", f"{name} must be an integer from 1 to {most}.")
    return int(text)


def window(query: dict[str, list[str]], now: float) -> tuple[float, float]:
    """The `[start, end]` the query asks for, seconds since the epoch (whole seconds)."""
    start, end = _time(query, "start_time"), _time(query, "end_time")
    if start is None and end is None:
        end = float(int(now))
        start = end - WINDOW_S
    elif start is None:
        assert end is not None
        start = end - WINDOW_S
    elif end is None:
        end = start + WINDOW_S
    if end < start:
        raise ApiError(400, "InvalidParameter", "end_time must not be earlier than start_time.")
    if end - start > WINDOW_S:
        raise ApiError(
            400, "InvalidParameter", "The time range between start_time and end_time exceeds 24h."
        )
    return start, end


def key_id(api_key: str) -> str:
    """A stable, non-secret id for the key a task was created with."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:16]


def entry(task: TaskRecord, now: float) -> dict[str, Any]:
    status = task.status(now)
    ended = task.canceled or task.finished
    return {
        "api_key_id": key_id(task.api_key),
        "caller_parent_id": "1000000000000000",
        "caller_uid": "1000000000000000",
        "gmt_create": int(task.created * 1000),
        "start_time": int((task.scheduled or task.created) * 1000),
        "end_time": int(ended * 1000) if ended is not None and status.value in _ENDED else None,
        "model_name": task.request.model,
        "region": REGION,
        "request_id": task.request_id,
        "status": status.value,
        "task_id": task.task_id,
        "user_api_unique_key": f"apikey:v1:{task.request.model}:image2image:image-synthesis",
    }


_ENDED = {"SUCCEEDED", "FAILED", "CANCELED"}


def answer(
    tasks: Iterable[TaskRecord],
    query: dict[str, list[str]],
    now: float,
    *,
    lag_s: float,
    expire_after_s: float,
) -> dict[str, Any]:
    """The list's answer for the account's `tasks` (their inputs already loaded)."""
    start, end = window(query, now)
    page_no = _positive(query, "page_no", 1, 10**6)
    page_size = _positive(query, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    model, status, task_id = (_one(query, n) for n in ("model_name", "status", "task_id"))
    rows = []
    for task in tasks:
        if now - task.created > expire_after_s or now - task.created < lag_s:
            continue
        if not start <= task.created < end + 1:  # the end second is included
            continue
        if (model and task.request.model != model) or (task_id and task.task_id != task_id):
            continue
        row = entry(task, now)
        if status and row["status"] != status.upper():
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r["gmt_create"], r["task_id"]), reverse=True)
    total = len(rows)
    first = (page_no - 1) * page_size
    return {
        "request_id": protocol.new_request_id(),
        "data": rows[first : first + page_size],
        "total": total,
        "total_page": max(1, -(-total // page_size)),
        "page_no": page_no,
        "page_size": page_size,
    }
