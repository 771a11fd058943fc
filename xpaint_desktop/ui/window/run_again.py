"""Running a stored job again: the same image, mask and parameters as a new job.

It is a deliberate new paid task (from the error banner, the job list or the history), so a
quick second press must not make a second one: while a job's re-run is being written, or has
not finished, another request for that job sends nothing. Once the re-run has finished, a new
request is a new decision and is sent. A paid model's re-run goes through the session's one
question before the first paid job (the one Generate asks, `params.cost.PaidJobConfirmation`):
declined, nothing is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal

from xpaint_desktop.library.models import JobStatus

StatusOf = Callable[[int], JobStatus | None]
Allows = Callable[[int], bool]  # job id -> whether running it again may go ahead (asked)


class Rerun(Enum):
    """What a request to run a job again did."""

    SENT = "sent"
    ALREADY = "already"  # its re-run is on its way: nothing new was sent
    DECLINED = "declined"  # the person said no to the paid job: nothing was sent


class RunAgain(QObject):
    """Sends "run job N again" to the worker at most once while that re-run is unfinished."""

    send = Signal(int)  # the job to run again; the worker answers with `done`

    def __init__(
        self, status_of: StatusOf, parent: QObject | None = None, *, allows: Allows | None = None
    ) -> None:
        super().__init__(parent)
        self._status_of = status_of
        self._allows = allows
        self._reruns: dict[int, int] = {}  # job id -> its re-run's id (0: being written)

    def request(self, job_id: int) -> Rerun:
        """Send the re-run of `job_id` unless one is still on its way or the person declines
        the paid job."""
        if self.in_flight(job_id):
            return Rerun.ALREADY
        earlier = self._reruns.get(job_id)
        self._reruns[job_id] = 0  # while the question is open, another press sends nothing
        if self._allows is not None and not self._allows(job_id):
            if earlier is None:
                self._reruns.pop(job_id, None)
            else:
                self._reruns[job_id] = earlier
            return Rerun.DECLINED
        self.send.emit(job_id)
        return Rerun.SENT

    def done(self, job_id: int, new_job_id: int) -> None:
        """The worker wrote the re-run of `job_id` as `new_job_id` (0: it was not written)."""
        if new_job_id > 0:
            self._reruns[job_id] = new_job_id
        else:
            self._reruns.pop(job_id, None)

    def in_flight(self, job_id: int) -> bool:
        """Whether the re-run of `job_id` is being written or has not finished."""
        rerun = self._reruns.get(job_id)
        if rerun is None:
            return False
        if rerun == 0:
            return True
        status = self._status_of(rerun)
        return status is not None and not status.is_finished

    def rerun_of(self, job_id: int) -> int | None:
        """The id of the last re-run of `job_id` sent from this window, once written."""
        return self._reruns.get(job_id) or None
