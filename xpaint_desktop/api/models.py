"""Typed views of the service's task answers.

The service answers the create call, the query call and the SDK's examples with several shapes
of the same object (only `task_id`/`task_status`; results holding a `url` or a `code`/`message`;
a FAILED task with `output.code`; `usage` missing or null; empty strings for absent codes).
`parse_task` turns any of them into one frozen `Task`, so no caller ever digs through dicts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)


class TaskStatus(StrEnum):
    """The task states named by the reference, plus CANCELED (a task cancelled while PENDING)."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    SUSPENDED = "SUSPENDED"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    CANCELED = "CANCELED"
    UNKNOWN = "UNKNOWN"
    # Not a service value: a status this client does not know. Not terminal, so polling goes
    # on (the service may have added a stage) instead of concluding anything.
    UNRECOGNISED = "UNRECOGNISED"

    @property
    def is_terminal(self) -> bool:
        """True once polling can stop: the task will not change any more."""
        return self in _TERMINAL

    @classmethod
    def parse(cls, value: object) -> TaskStatus:
        """The status for a wire value; anything unrecognised is UNRECOGNISED (and logged)."""
        text = str(value or "").strip().upper()
        if text == "CANCELLED":
            return cls.CANCELED
        if not text:  # no status at all: an error answer, or a task the service does not know
            return cls.UNKNOWN
        try:
            return cls(text)
        except ValueError:
            log.warning("unrecognised task status %r: polling goes on", value)
            return cls.UNRECOGNISED


_TERMINAL = frozenset(
    {TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELED, TaskStatus.UNKNOWN}
)


@dataclass(frozen=True)
class ResultItem:
    """One requested image: a URL when it was made, otherwise the reason it was not."""

    index: int
    url: str | None = None
    code: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.url) and self.code is None


@dataclass(frozen=True)
class TaskMetrics:
    """The service's own count of requested, succeeded and failed images."""

    total: int
    succeeded: int
    failed: int


@dataclass(frozen=True)
class Task:
    """A snapshot of one task as the service last described it."""

    task_id: str
    status: TaskStatus
    results: tuple[ResultItem, ...] = ()
    metrics: TaskMetrics | None = None
    image_count: int | None = None
    code: str | None = None
    message: str | None = None
    request_id: str | None = None
    submit_time: str | None = None
    scheduled_time: str | None = None
    end_time: str | None = None

    @property
    def succeeded_results(self) -> tuple[ResultItem, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def failed_results(self) -> tuple[ResultItem, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def is_partial(self) -> bool:
        """SUCCEEDED, but at least one of the requested images failed."""
        if self.status is not TaskStatus.SUCCEEDED:
            return False
        if self.failed_results:
            return True
        return self.metrics is not None and self.metrics.failed > 0


def _text(value: object) -> str | None:
    """A non-empty string, or None for null, missing and empty values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: object) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _parse_metrics(value: object) -> TaskMetrics | None:
    data = {str(k).upper(): v for k, v in _mapping(value).items()}
    if not data:
        return None
    return TaskMetrics(
        total=_int(data.get("TOTAL")) or 0,
        succeeded=_int(data.get("SUCCEEDED")) or 0,
        failed=_int(data.get("FAILED")) or 0,
    )


def _parse_results(value: object) -> tuple[ResultItem, ...]:
    if not isinstance(value, list):
        return ()
    items = []
    for index, raw in enumerate(value):
        entry = _mapping(raw)
        items.append(
            ResultItem(
                index=index,
                url=_text(entry.get("url")),
                code=_text(entry.get("code")),
                message=_text(entry.get("message")),
            )
        )
    return tuple(items)


def parse_task(body: Mapping[str, Any]) -> Task:
    """Read a create or query answer (or an SDK-style dump of one) into a `Task`.

    Task-level `code`/`message` come from `output` (a FAILED task) or, failing that, from the
    top level; empty strings and nulls become None.
    """
    output = _mapping(body.get("output"))
    usage = _mapping(body.get("usage"))
    return Task(
        task_id=_text(output.get("task_id")) or "",
        status=TaskStatus.parse(output.get("task_status")),
        results=_parse_results(output.get("results")),
        metrics=_parse_metrics(output.get("task_metrics")),
        image_count=_int(usage.get("image_count")),
        code=_text(output.get("code")) or _text(body.get("code")),
        message=_text(output.get("message")) or _text(body.get("message")),
        request_id=_text(body.get("request_id")),
        submit_time=_text(output.get("submit_time")),
        scheduled_time=_text(output.get("scheduled_time")),
        end_time=_text(output.get("end_time")),
    )
