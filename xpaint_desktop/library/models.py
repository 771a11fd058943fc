"""What the library remembers about a job, as plain immutable records.

The UI, the runner and the command line all read jobs through these records, so they carry
everything needed to show, resume or redo a job without touching SQLite: absolute file paths,
the frozen `JobSpec`, the service's identifiers and the per-image outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from xpaint_desktop.spec import EngineKind, JobSpec

# How long the service keeps a task and its result links.
TASK_RETENTION = timedelta(hours=24)
# A result's code when the service made it but downloading it failed (retried on resume).
DOWNLOAD_FAILED = "DownloadFailed"


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
    # The task-creation request was sent but its answer was lost: the service may have created
    # (and billed) it. Settled with the account's task list, never by sending it blindly again.
    UNCERTAIN = "uncertain"
    # The task list shows several tasks that could be this job's: a person chooses.
    AWAITING_CHOICE = "awaiting_choice"
    # Written by earlier versions for an unanswered creation; settled like UNCERTAIN.
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
    def is_uncertain(self) -> bool:
        """The creation request may or may not have made a task; the task list settles it."""
        return self in _UNCERTAIN


_FINISHED = frozenset(
    {
        JobStatus.DONE,
        JobStatus.PARTIAL,
        JobStatus.FAILED,
        JobStatus.EXPIRED,
        JobStatus.CANCELLED,
    }
)
_UNCERTAIN = frozenset({JobStatus.UNCERTAIN, JobStatus.AWAITING_CHOICE, JobStatus.INTERRUPTED})
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
    creation_sent_at: datetime | None = None  # when the task-creation request last went out

    @property
    def prompt(self) -> str:
        return self.spec.prompt

    @property
    def folder(self) -> Path:
        """The job's own folder (the photo may be kept once for many jobs, elsewhere)."""
        return self.mask_path.parent

    @property
    def missing_downloads(self) -> tuple[int, ...]:
        """Indices of results the service made but that could not be downloaded yet."""
        return tuple(r.index for r in self.results if not r.ok and r.code == DOWNLOAD_FAILED)

    @property
    def is_resumable(self) -> bool:
        return self.resumable_at(datetime.now(UTC))

    def resumable_at(self, now: datetime) -> bool:
        """The one resume rule: whether `resume` has something to do for this job.

        Every unfinished job qualifies: one with a task id is polled, one whose creation may
        have been sent is settled with the task list before anything is sent again, the rest
        start from their inputs. A finished cloud job qualifies while results the service made
        are still missing and its task is younger than the service's retention.
        """
        if not self.status.is_finished:
            return True
        if not self.task_id or not self.missing_downloads:
            return False
        return now - self.created_at < TASK_RETENTION
