"""What the runner and the engines say about a job, as a kind with its parameters.

Every stage a `JobEvent` reports carries a `Note`: its `kind` and the numbers or the task id it
names. The command line and the log read `english()`; the window says the same in the person's
language from the kind and the parameters (`ui.shared.note_text`), never from the English text.

A cancelled job keeps its note in the library as its error code (`stored_code`), with the task
id in its own field, so what the job list said can be said again from the library (Details,
the history) in the person's language; `stored_note` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xpaint_desktop.library.models import JobRecord


class NoteKind(StrEnum):
    QUEUED = "queued"
    PREPARING = "preparing"
    UPLOADING = "uploading"
    CREATING = "creating"
    TASK_QUEUED = "task_queued"  # task_id
    TASK_STATUS = "task_status"  # task_id, status (the service's), seconds (a long wait)
    CHECKING_TASK_LIST = "checking_task_list"
    ANSWER_LOST = "answer_lost"  # a creation's answer was lost: the task list settles it
    ADOPTED = "adopted"  # task_id
    RESUMING = "resuming"  # task_id
    OFFLINE_FILL = "offline_fill"  # the offline engine ignores the prompt
    DOWNLOADING = "downloading"
    IMAGES_READY = "images_ready"  # count
    SOME_IMAGES_READY = "some_images_ready"  # count of total, missing not downloaded yet
    NO_IMAGE = "no_image"
    CHOICE_NEEDED = "choice_needed"
    CANCELLED = "cancelled"  # before anything was sent, or a PENDING task cancelled
    CANCELLED_ON_SERVICE = "cancelled_on_service"  # task_id
    ABANDONED = "abandoned"  # task_id: runs on, billed, result not downloaded
    STOPPED_WAITING = "stopped_waiting"
    WILL_RESUME = "will_resume"


@dataclass(frozen=True)
class Note:
    """One note: its kind and its parameters (those its kind names; the rest stay empty)."""

    kind: NoteKind
    count: int = 0
    total: int = 0
    missing: int = 0
    task_id: str = ""
    status: str = ""
    seconds: float | None = None
    detail: str = ""  # English words said before the note (the error that led to it)

    def english(self) -> str:
        """The note for the command line and the log."""
        return _ENGLISH[self.kind](self)


def duration_text(seconds: float) -> str:
    """`45 s`, `3 min 5 s`, `2 h 4 min`."""
    s = int(max(0.0, seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


def _task_status(n: Note) -> str:
    text = f"task {n.task_id}: {n.status}"
    return text if n.seconds is None else f"{text} for {duration_text(n.seconds)}"


def _some_ready(n: Note) -> str:
    text = f"{n.count} of {n.total} images ready"
    return text + (
        f"; {n.missing} not downloaded yet, fetched again on resume" if n.missing else ""
    )


_ENGLISH = {
    NoteKind.QUEUED: lambda n: "queued",
    NoteKind.PREPARING: lambda n: "preparing the image",
    NoteKind.UPLOADING: lambda n: "uploading the image and the mask",
    NoteKind.CREATING: lambda n: "creating the task",
    NoteKind.TASK_QUEUED: lambda n: f"task {n.task_id} queued on the service",
    NoteKind.TASK_STATUS: _task_status,
    NoteKind.CHECKING_TASK_LIST: lambda n: "checking the account's task list for this job's task",
    NoteKind.ANSWER_LOST: lambda n: f"{n.detail} Checking the account's task list.".lstrip(),
    NoteKind.ADOPTED: lambda n: f"adopted task {n.task_id} from the task list",
    NoteKind.RESUMING: lambda n: f"resuming task {n.task_id}",
    NoteKind.OFFLINE_FILL: lambda n: (
        "The offline engine fills the painted area from its surroundings; it ignores the prompt."
    ),
    NoteKind.DOWNLOADING: lambda n: "downloading the results",
    NoteKind.IMAGES_READY: lambda n: f"{n.count} image(s) ready",
    NoteKind.SOME_IMAGES_READY: _some_ready,
    NoteKind.NO_IMAGE: lambda n: "no image came back",
    NoteKind.CHOICE_NEEDED: lambda n: (
        "The creation request got no answer, and the account has several tasks from that "
        "moment: choose the one that belongs to this job, or send the job again."
    ),
    NoteKind.CANCELLED: lambda n: "cancelled",
    NoteKind.CANCELLED_ON_SERVICE: lambda n: f"Task {n.task_id} was cancelled on the service.",
    NoteKind.ABANDONED: lambda n: (
        f"Cancelled. Task {n.task_id} goes on running on the service and is billed; "
        "its result is not downloaded."
    ),
    NoteKind.STOPPED_WAITING: lambda n: (
        "stopped waiting; the task runs on and its result is downloaded when it is ready"
    ),
    NoteKind.WILL_RESUME: lambda n: "stopped; it will resume",
}

# A cancelled job's note, kept as its error code (the task id is the job's own).
_STORED: dict[NoteKind, str] = {
    NoteKind.CANCELLED: "Cancelled",
    NoteKind.CANCELLED_ON_SERVICE: "Canceled",  # the service's own code for it
    NoteKind.ABANDONED: "CancelledTaskRunsOn",
    NoteKind.NO_IMAGE: "NoImage",
}
_BY_CODE = {code: kind for kind, code in _STORED.items()}
STORED_CODES = frozenset(_STORED.values())


def stored_code(note: Note) -> str | None:
    """The error code under which a finished job keeps `note` (None: not kept)."""
    return _STORED.get(note.kind)


def stored_note(job: JobRecord) -> Note | None:
    """The note a finished job keeps in the library (`stored_code`), or None."""
    kind = _BY_CODE.get(job.error_code or "")
    return None if kind is None else Note(kind, task_id=job.task_id or "")
