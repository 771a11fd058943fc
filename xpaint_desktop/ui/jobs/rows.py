"""A job as the job list shows it: `JobRow`, replaced (never mutated) on every event.

The list model (`list.JobListModel`) keeps one row per job; `moves_forward` keeps a late or
repeated report from moving a job backwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import Qt

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.library.models import JobStatus, ResultRecord
from xpaint_desktop.library.notes import Note
from xpaint_desktop.spec import EngineKind


class JobRole(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1
    JOB_ID = Qt.ItemDataRole.UserRole + 2
    STAGE = Qt.ItemDataRole.UserRole + 3
    ELAPSED = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class JobRow:
    """One job as the list shows it; replaced (never mutated) on every event."""

    job_id: int
    prompt: str = ""
    source_name: str = ""
    engine: EngineKind | None = None
    n: int = 1
    status: JobStatus = JobStatus.QUEUED
    message: str = ""  # the runner's words in English (the note says them translated)
    note: Note | None = None
    elapsed_s: float = 0.0
    reported_at: float = field(default_factory=time.monotonic)
    results: tuple[ResultRecord, ...] = ()
    error: XPaintError | None = None
    notice: str | None = None
    image_size: tuple[int, int] | None = None
    stopped_waiting: bool = False  # the person stopped waiting; its task runs on, paid for

    @property
    def is_placeholder(self) -> bool:
        """Shown at once on Generate while the worker writes the job (no id yet)."""
        return self.job_id < 0

    @property
    def label(self) -> str:
        return "#…" if self.is_placeholder else f"#{self.job_id}"

    @property
    def cancellable(self) -> bool:
        return (
            not self.is_placeholder
            and not self.status.is_finished
            and self.status not in WAITS_FOR_PERSON
            and not self.stopped_waiting
        )

    @property
    def needs_choice(self) -> bool:
        """Several tasks could be its own: a person chooses one, or sends it again."""
        return self.status is JobStatus.AWAITING_CHOICE

    @property
    def can_run_again(self) -> bool:
        """Finished (or stopped for good), so a new run of its inputs makes sense."""
        return self.status.is_finished or self.status is JobStatus.INTERRUPTED

    def elapsed(self, now: float | None = None) -> float:
        """Seconds since the job started; grows between events while it is active."""
        if self.status.is_active:
            return self.elapsed_s + ((now or time.monotonic()) - self.reported_at)
        return self.elapsed_s


# Nothing happens to these on its own: a person acts (runs it again, or chooses its task).
WAITS_FOR_PERSON = (JobStatus.INTERRUPTED, JobStatus.AWAITING_CHOICE)
# The order active stages come in: a late or repeated report (a resumed job says "pending"
# before its poll says "running" again) never moves a job backwards.
_STAGE_ORDER = {  # the enum lists the stages in the order they come
    s: i for i, s in enumerate(JobStatus) if s is JobStatus.QUEUED or s.is_active
}


def moves_forward(old: JobStatus, new: JobStatus) -> bool:
    """Whether a row at `old` should show `new`: an end always, an earlier stage never."""
    if new.is_finished or old.is_finished or new not in _STAGE_ORDER or old not in _STAGE_ORDER:
        return True
    if {old, new} == {JobStatus.RUNNING, JobStatus.SUSPENDED}:
        return True  # the service may suspend and resume a task
    return _STAGE_ORDER[new] >= _STAGE_ORDER[old]
