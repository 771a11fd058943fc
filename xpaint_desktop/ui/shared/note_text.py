"""What the runner and the engines say about a job (`library.notes.Note`), in the person's
language: built from the note's kind and its parameters, never from its English text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from xpaint_desktop.library.notes import Note, NoteKind, stored_note
from xpaint_desktop.ui.shared.names import format_elapsed, stage_name

if TYPE_CHECKING:
    from xpaint_desktop.library.models import JobRecord


def _tr(text: str) -> str:
    return QCoreApplication.translate("JobNotes", text)


class JobNotes(QObject):
    """The notes that count (their plurals need `tr`'s `%n`, which lupdate sees in a class)."""

    def ready(self, count: int) -> str:
        return self.tr("%n image(s) ready", "", count)

    def some_ready(self, note: Note) -> str:
        text = self.tr("%n of {0} images ready", "", note.count).format(note.total)
        if note.missing:
            tail = self.tr("%n not downloaded yet, fetched again on resume", "", note.missing)
            text = _tr("{0}; {1}").format(text, tail)
        return text


def _task_status(note: Note) -> str:
    if note.seconds is None:
        return _tr("task {0}: {1}").format(note.task_id, stage_name(note.status.lower()))
    return _tr("task {0}: {1} for {2}").format(
        note.task_id, stage_name(note.status.lower()), format_elapsed(note.seconds)
    )


def note_text(note: Note) -> str:
    """The note as the window says it."""
    match note.kind:
        case NoteKind.QUEUED:
            return _tr("queued")
        case NoteKind.PREPARING:
            return _tr("preparing the image")
        case NoteKind.UPLOADING:
            return _tr("uploading the image and the mask")
        case NoteKind.CREATING:
            return _tr("creating the task")
        case NoteKind.TASK_QUEUED:
            return _tr("task {0} queued on the service").format(note.task_id)
        case NoteKind.TASK_STATUS:
            return _task_status(note)
        case NoteKind.CHECKING_TASK_LIST:
            return _tr("checking the account's task list for this job's task")
        case NoteKind.ANSWER_LOST:
            return _tr(
                "The service's answer to the creation request was lost; the account's task "
                "list settles whether a task was made."
            )
        case NoteKind.ADOPTED:
            return _tr("adopted task {0} from the task list").format(note.task_id)
        case NoteKind.RESUMING:
            return _tr("resuming task {0}").format(note.task_id)
        case NoteKind.OFFLINE_FILL:
            return _tr(
                "The offline engine fills the painted area from its surroundings; "
                "it ignores the prompt."
            )
        case NoteKind.DOWNLOADING:
            return _tr("downloading the results")
        case NoteKind.IMAGES_READY:
            return JobNotes().ready(note.count)
        case NoteKind.SOME_IMAGES_READY:
            return JobNotes().some_ready(note)
        case NoteKind.NO_IMAGE:
            return _tr("no image came back")
        case NoteKind.CHOICE_NEEDED:
            return _tr(
                "The creation request got no answer, and the account has several tasks from "
                "that moment: choose the one that belongs to this job, or send the job again."
            )
        case NoteKind.CANCELLED:
            return _tr("cancelled")
        case NoteKind.CANCELLED_ON_SERVICE:
            return _tr("Task {0} was cancelled on the service.").format(note.task_id)
        case NoteKind.ABANDONED:
            return _tr(
                "Cancelled. Task {0} goes on running on the service and is billed; its result "
                "is not downloaded."
            ).format(note.task_id)
        case NoteKind.STOPPED_WAITING:
            return _tr(
                "stopped waiting; the task runs on and its result is downloaded when it is ready"
            )
        case NoteKind.WILL_RESUME:
            return _tr("stopped; it will resume")
    return note.english()  # pragma: no cover - every kind is named above


def notice_text(notice: str) -> str:
    """An engine's notice (`EngineRun.notice`) in the person's language (engines speak
    English)."""
    offline = Note(NoteKind.OFFLINE_FILL)
    return note_text(offline) if notice == offline.english() else notice


def stored_note_text(job: JobRecord) -> str | None:
    """The note a finished job keeps in the library (`library.notes.stored_note`), as the
    window says it; None when its error is not a note (the service's, the application's)."""
    note = stored_note(job)
    return None if note is None else note_text(note)
