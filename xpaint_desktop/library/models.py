"""What the library remembers about a job, as plain immutable records.

The UI, the runner and the command line all read jobs through these records, so they carry
everything needed to show, resume or redo a job without touching SQLite: absolute file paths,
the frozen `JobSpec`, the service's identifiers and the per-image outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from xpaint_desktop.spec import EngineKind, JobSpec


class JobStatus(StrEnum):
    """Where a job stands; stored as its value in the library, so values never change."""

    QUEUED = "queued"
    PREPARING = "preparing"
    UPLOADING = "uploading"
    SUBMITTING = "submitting"
    PENDING = "pending"
    RUNNING = "running"
    SUSPENDED = "suspended"
    DOWNLOADING = "downloading"
    DONE = "done"
    PARTIAL = "partial"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    # The task-creation request was sent but its outcome is unknown: the service may have
    # created (and billed) it. Never re-sent automatically; the person decides.
    INTERRUPTED = "interrupted"

    @property
    def is_finished(self) -> bool:
        """Nothing more will happen to the job on its own."""
        return self in _FINISHED

    @property
    def is_pre_submit(self) -> bool:
        """Nothing that could create or bill a task has been sent yet."""
        return self in _PRE_SUBMIT

    @property
    def is_active(self) -> bool:
        """Work is under way (on this machine or on the service)."""
        return self in _ACTIVE

    @property
    def is_resumable(self) -> bool:
        """The status allows resuming; `JobRecord.is_resumable` also checks the task id."""
        return not self.is_finished and self is not JobStatus.INTERRUPTED


_FINISHED = frozenset(
    {
        JobStatus.DONE,
        JobStatus.PARTIAL,
        JobStatus.FAILED,
        JobStatus.EXPIRED,
        JobStatus.CANCELLED,
    }
)
_PRE_SUBMIT = frozenset({JobStatus.QUEUED, JobStatus.PREPARING, JobStatus.UPLOADING})
_ACTIVE = frozenset(
    {
        JobStatus.PREPARING,
        JobStatus.UPLOADING,
        JobStatus.SUBMITTING,
        JobStatus.PENDING,
        JobStatus.RUNNING,
        JobStatus.SUSPENDED,
        JobStatus.DOWNLOADING,
    }
)


@dataclass(frozen=True)
class ResultRecord:
    """One output image of a job: the downloaded file and its full-size composite, or why not."""

    job_id: int
    index: int
    path: Path | None
    composite_path: Path | None
    code: str | None
    message: str | None
    created_at: datetime

    @property
    def ok(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class JobRecord:
    """One job as stored: inputs, parameters, service identifiers, outcome and results."""

    id: int
    created_at: datetime
    updated_at: datetime
    spec: JobSpec
    status: JobStatus
    task_id: str | None
    source_name: str
    base_path: Path
    mask_path: Path
    original_size: tuple[int, int]
    placement_json: str | None
    error_code: str | None
    error_message: str | None
    request_id: str | None
    image_count: int | None
    favourite: bool
    note: str
    engine: EngineKind
    results: tuple[ResultRecord, ...] = ()

    @property
    def prompt(self) -> str:
        return self.spec.prompt

    @property
    def folder(self) -> Path:
        return self.base_path.parent

    @property
    def is_resumable(self) -> bool:
        """Safe to continue after a restart without risking a second, billed task.

        True for an unfinished job that either has a task id (poll it), has not sent its
        creation request yet, or runs on the local engine (nothing is billed).
        """
        if not self.status.is_resumable:
            return False
        return (
            self.task_id is not None or self.status.is_pre_submit or self.engine is EngineKind.LOCAL
        )
