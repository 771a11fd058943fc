"""Generate: the parameters, the image and the mask frozen into a job request for the worker.

The request is in the job list at once (a placeholder row) and the worker thread writes its
inputs and queues the job. Pressing Generate again with the same inputs while their job is
still being written or running sends nothing new (every created task is a billed image): the
window selects that job instead. Any change of the image or the mask makes a new request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QImage

from xpaint_desktop.spec import EngineKind, JobSpec
from xpaint_desktop.ui.params.cost import PaidJobConfirmation
from xpaint_desktop.ui.window.banner import BannerLevel
from xpaint_desktop.ui.worker import JobWorker

if TYPE_CHECKING:
    from xpaint_desktop.ui.window.main_window import MainWindow

STATUS_MS = 6000


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class Generator(QObject):
    """Turns a Generate press into at most one job request per set of inputs."""

    submit_request = Signal(int, object, QImage, QImage, str)  # token, spec, base, mask, name
    job_created = Signal(int)  # the worker wrote the job of a request from the editor

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.paid_confirmation = PaidJobConfirmation()
        self._input_revision = 0  # the image or the mask changed: a new job is a new request
        self._last_request: tuple[JobSpec, int] | None = None
        self._last_request_job: int | None = None  # its job, once the worker wrote it
        self._request_token = 0

    def listen_to(self, worker: JobWorker) -> None:
        self.submit_request.connect(worker.submit_request)
        worker.request_done.connect(self.on_request_done)

    def note_input_change(self) -> None:
        self._input_revision += 1

    def generate(self) -> None:
        """Freeze the parameters, the image and the mask into a job and hand it over."""
        reason = self.window.params.invalid_reason()
        if reason is not None:
            self.window.banner.show_message(reason, level=BannerLevel.WARNING)
            return
        if self.window.worker is None:
            return
        spec = self.window.params.spec()
        if not self.paid_confirmation.allows(spec, self.window):
            return
        request = (spec, self._input_revision)
        if request == self._last_request and self._request_in_flight():
            job = self._last_request_job
            if job is not None:
                self.window.jobs.select_job(job)
            self.window.statusBar().showMessage(
                _tr("These inputs are already being generated; nothing new was sent."),
                STATUS_MS,
            )
            return
        self._last_request = request
        self._last_request_job = None
        self._request_token += 1
        image = self.window.canvas.image()
        # in the list at once; the worker thread writes the inputs and queues the job
        self.window.jobs.model.add_placeholder(
            self._request_token,
            prompt=spec.prompt,
            source_name=self.window.source_name(),
            engine=EngineKind(spec.engine),
            n=spec.n,
            image_size=(image.width(), image.height()),
        )
        self.window.jobs_dock.raise_()
        self.submit_request.emit(
            self._request_token, spec, image, self.window.canvas.mask(), self.window.source_name()
        )

    def _request_in_flight(self) -> bool:
        """Whether the last request is still being written or its job has not finished."""
        job = self._last_request_job
        if job is None:
            return self._last_request is not None
        row = self.window.jobs.model.job(job)
        return row is not None and not row.status.is_finished

    def on_request_done(self, token: int, job_id: int) -> None:
        """The worker wrote (job_id > 0) or refused (0) the job of request `token`."""
        self.window.jobs.model.claim_placeholder(token, job_id)
        if token == self._request_token:
            if job_id > 0:
                self._last_request_job = job_id
            else:
                self._last_request = None
        if job_id > 0:
            self.job_created.emit(job_id)
            self.window.jobs.select_job(job_id)
