"""Job statuses: which are finished, active, resumable (the runner relies on these sets)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import EngineKind

FINISHED = {"done", "partial", "failed", "expired", "cancelled"}
ACTIVE = {"preparing", "uploading", "submitting", "pending", "running", "suspended", "downloading"}


def test_every_status_is_exactly_one_of_waiting_active_finished_or_uncertain() -> None:
    assert {str(s) for s in JobStatus if s.is_finished} == FINISHED
    assert {str(s) for s in JobStatus if s.is_active} == ACTIVE
    rest = {str(s) for s in JobStatus} - FINISHED - ACTIVE
    assert rest == {"queued"} | {str(s) for s in JobStatus if s.is_uncertain}
    assert {str(s) for s in JobStatus if s.is_uncertain} == {
        "uncertain",
        "awaiting_choice",
        "interrupted",
    }


@pytest.mark.parametrize(
    ("status", "task_id", "engine", "resumable"),
    [
        (JobStatus.QUEUED, None, EngineKind.CLOUD, True),
        (JobStatus.UPLOADING, None, EngineKind.CLOUD, True),
        # Sent, but no task id recorded: resumed by settling it with the task list.
        (JobStatus.SUBMITTING, None, EngineKind.CLOUD, True),
        (JobStatus.SUBMITTING, "t-1", EngineKind.CLOUD, True),
        (JobStatus.RUNNING, "t-1", EngineKind.CLOUD, True),
        (JobStatus.RUNNING, None, EngineKind.LOCAL, True),  # nothing billed offline
        (JobStatus.INTERRUPTED, None, EngineKind.CLOUD, True),
        (JobStatus.AWAITING_CHOICE, None, EngineKind.CLOUD, True),
        (JobStatus.DONE, "t-1", EngineKind.CLOUD, False),
        (JobStatus.CANCELLED, None, EngineKind.LOCAL, False),
    ],
)
def test_every_unfinished_job_is_resumed(
    library: Library, status: JobStatus, task_id: str | None, engine: EngineKind, resumable: bool
) -> None:
    job = library.create_job(make_spec(engine=engine), TINY, TINY_MASK, "a.png")
    library.set_status(job.id, status)
    library.set_task_id(job.id, task_id)
    stored = library.get_job(job.id)
    assert stored.is_resumable is resumable
    assert replace(stored, status=JobStatus.FAILED).is_resumable is False
