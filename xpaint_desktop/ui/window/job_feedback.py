"""What the window shows as jobs move: the job list, the results strip and the banner.

The worker's signals arrive here on the UI thread. A finished job made from the picture in the
editor shows its variants in the results strip; a failed, interrupted or expired one says why
in the banner, in the person's words with the service's own kept below, what to do, and "Run
again"; a job no longer waited for says that its task runs on, then that its image arrived; a
job whose creation answer was lost offers its candidate tasks (`ChoiceDialog`); a notice from
the engine (the offline engine ignores the prompt) is shown in the person's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from xpaint_desktop.errors import XPaintError
from xpaint_desktop.imaging.limits import SUCCESSOR
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.ui.jobs.choice import ChoiceDialog
from xpaint_desktop.ui.jobs.list import JobRow, said_text, waiting_notice
from xpaint_desktop.ui.shared.note_text import notice_text
from xpaint_desktop.ui.window.banner import BannerAction, BannerLevel
from xpaint_desktop.ui.worker import JobSummary, JobWorker

if TYPE_CHECKING:
    from xpaint_desktop.api.tasklist import TaskSummary
    from xpaint_desktop.jobs.runner import JobEvent
    from xpaint_desktop.ui.window.main_window import MainWindow

_FAILED = (JobStatus.FAILED, JobStatus.INTERRUPTED)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _failure_of(row: JobRow) -> XPaintError:
    """A failed job with no error of its own: its first failed image's (the service's code
    and words), else what the runner said."""
    failed = next((r for r in row.results if not r.ok and r.code), None)
    if failed is not None:
        return XPaintError(failed.message or "", code=failed.code)
    return XPaintError(said_text(row) or _tr("The job failed."))


class JobFeedback(QObject):
    """Turns the worker's signals into rows, results, banner messages and the task choice."""

    find_candidates = Signal(int)  # job id AWAITING_CHOICE: the worker asks the task list

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editor_jobs: set[int] = set()  # jobs made from the image now in the editor
        self.quota_job: int | None = None  # the job that found the free trial used up
        self.choice_job: int | None = None  # the job the banner offers to choose a task for
        self.choice_dialog: ChoiceDialog | None = None

    def listen_to(self, worker: JobWorker) -> None:
        worker.job_event.connect(self.on_event)
        worker.job_summary.connect(self.on_summary)
        worker.submit_failed.connect(self.on_submit_failed)
        worker.cancel_refused.connect(self.on_cancel_refused)
        worker.resumed.connect(self.on_resumed)
        self.find_candidates.connect(worker.find_candidates)
        worker.candidates_found.connect(self.on_candidates_found)
        worker.choice_failed.connect(self.on_choice_failed)
        worker.account_tasks.connect(self.on_account_tasks)

    def on_summary(self, summary: JobSummary) -> None:
        self.window.jobs.model.add_job(
            summary.job_id,
            prompt=summary.prompt,
            source_name=summary.source_name,
            engine=summary.engine,
            n=summary.n,
            status=JobStatus(summary.status),
            image_size=summary.image_size,
        )

    def _is_mine(self, row: JobRow) -> bool:
        """Made from the picture in the editor, or nothing is open (a job resumed at start)."""
        if row.job_id in self.editor_jobs or not self.window.canvas.has_image():
            return True
        size = self.window.canvas.image().size()
        same_size = row.image_size == (size.width(), size.height())
        return row.source_name == self.window.source_name() and same_size

    def on_event(self, event: JobEvent) -> None:
        row = self.window.jobs.model.apply_event(event)
        if (notice := waiting_notice(row, event)) is not None:  # stopped waiting, or arrived
            self.window.banner.show_message(notice, level=BannerLevel.INFO)
        gallery = self.window.gallery_dock
        if gallery is not None:
            gallery.job_updated(event.job_id)
        if row.status is JobStatus.UPLOADING and row.job_id in self.editor_jobs:
            self.window.result_files.expect(row.job_id)  # while the service works
        done = row.status in (JobStatus.DONE, JobStatus.PARTIAL)
        if done and row.results and self._is_mine(row):
            self.window.results.show_results(row.job_id, row.results)
            self.window.results_dock.raise_()
            self.window.jobs.select_job(row.job_id)
            if row.notice:
                self.window.banner.show_message(
                    _tr("Job #{0}: {1}").format(row.job_id, notice_text(row.notice)),
                    level=BannerLevel.INFO,
                )
        if row.status in _FAILED:
            error = row.error or _failure_of(row)
            context = _tr("Job #{0}").format(row.job_id)
            advice = self.window.banner.show_error(error, context=context, run_again=row.job_id)
            if advice.action is BannerAction.USE_SUCCESSOR:
                self.quota_job = row.job_id
        elif row.status is JobStatus.AWAITING_CHOICE:
            self.choice_job = row.job_id
            self.window.banner.show_message(
                _tr(
                    "Job #{0}: the service's answer was lost and several of the account's tasks "
                    "could be its own. Choose its task, or send it again."
                ).format(row.job_id),
                level=BannerLevel.WARNING,
                action=BannerAction.CHOOSE_TASK,
            )
        elif row.status is JobStatus.EXPIRED:
            self.window.banner.show_message(
                _tr(
                    "Job #{0} expired on the service (it keeps tasks for 24 hours). Its image, "
                    "mask and parameters are kept: choose “Run again” in the job list or the "
                    "History."
                ).format(row.job_id),
                level=BannerLevel.WARNING,
            )

    def on_resumed(self, count: int) -> None:
        if count == 1:
            text = _tr("Continuing 1 unfinished job from the last session.")
        else:
            text = _tr("Continuing {0} unfinished jobs from the last session.").format(count)
        if count > 0:
            self.window.banner.show_message(text, level=BannerLevel.INFO)

    def on_submit_failed(self, error: XPaintError) -> None:
        self.window.banner.show_error(error, context=_tr("The job was not created"))

    def on_cancel_refused(self, job_id: int) -> None:
        self.window.banner.show_message(
            _tr(
                "Job #{0} can no longer be cancelled: the service is already working on it."
            ).format(job_id),
            level=BannerLevel.INFO,
        )

    def on_account_tasks(self, started: list[object]) -> None:
        gallery = self.window.gallery_dock
        if gallery is not None:
            gallery.usage.set_tasks_elsewhere(started)  # type: ignore[arg-type]

    def show_job_results(self, job_id: int) -> None:
        row = self.window.jobs.model.job(job_id)
        if row is not None and row.results:
            self.window.results.show_results(job_id, row.results)

    def library_busy_reason(self) -> str | None:
        """Why the library cannot move now: a job still queued or running writes to it."""
        if any(
            not row.status.is_finished and row.status is not JobStatus.INTERRUPTED
            for row in self.window.jobs.model.rows()
        ):
            return _tr("Jobs are still queued or running: wait for them or cancel them first.")
        return None

    def switch_to_successor(self) -> None:
        """The job that found the free trial used up, in the editor again (image, mask,
        prompt), set to the successor model; the person sees its cost and generates."""
        job_id = self.quota_job
        if job_id is None:
            self.window.params.set_model(
                SUCCESSOR.get(self.window.params.limits.model, self.window.params.limits.model)
            )
            return
        try:
            model = self.window.library.get_job(job_id).spec.model if self.window.library else ""
        except KeyError:
            model = self.window.params.limits.model
        self.window.open_job_in_editor(job_id, model=SUCCESSOR.get(model, model))

    # -- choosing a job's task after a lost creation answer ---------------------------------
    def choose_task(self, job_id: int) -> ChoiceDialog | None:
        """Open the job's candidate tasks; the worker fills them in from the task list."""
        worker = self.window.worker
        if worker is None:
            return None
        if self.choice_dialog is not None:
            self.choice_dialog.close()
        dialog = ChoiceDialog(job_id, self.window)
        dialog.adopt_requested.connect(worker.adopt)
        dialog.send_again_requested.connect(worker.send_again)
        self.choice_dialog = dialog
        dialog.show()
        self.find_candidates.emit(job_id)
        return dialog

    def on_candidates_found(self, job_id: int, candidates: tuple[TaskSummary, ...]) -> None:
        if self.choice_dialog is not None and self.choice_dialog.job_id == job_id:
            self.choice_dialog.set_candidates(candidates)

    def on_choice_failed(self, job_id: int, error: XPaintError) -> None:
        if self.choice_dialog is not None and self.choice_dialog.job_id == job_id:
            self.choice_dialog.show_error(str(error))
        self.window.banner.show_error(error, context=_tr("Job #{0}").format(job_id))
