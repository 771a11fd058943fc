"""The job runner end to end: real library files, real images, the stand-in over sockets."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.fakeserver.faults import TaskFailure
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import fast_runner, inputs
from xpaint_desktop.imaging.limits import (
    MAX_TASKS_IN_PROGRESS,
    MODEL_IMAGEEDIT,
    MODEL_X_PAINTING,
    tasks_in_progress_allowed,
)
from xpaint_desktop.jobs.runner import CancelOutcome, JobEvent, JobRunner
from xpaint_desktop.keys import ApiKeyStore
from xpaint_desktop.library.composites import composite_image
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import Settings
from xpaint_desktop.spec import EngineKind, JobSpec


def _inputs(data_dir: Path, name: str = "coffee.png") -> tuple[Image.Image, Image.Image]:
    return inputs(data_dir, name)


def _runner(library: Library, events: list[JobEvent]) -> JobRunner:
    return fast_runner(library, events)


def _run_one(
    library: Library, data_dir: Path, spec: JobSpec, events: list[JobEvent] | None = None
) -> JobRecord:
    """Submit one job on the coffee photo, run it to its end, and return its record."""
    runner = _runner(library, events if events is not None else [])
    base, mask = _inputs(data_dir)
    job_id = runner.submit(spec, base, mask, "coffee.png")
    runner.run_next()
    return library.get_job(job_id)


def _slow_cloud_job(
    server: FakeDashScope, library: Library, data_dir: Path, events: list[JobEvent] | None = None
) -> tuple[JobRunner, int]:
    """A queued cloud job whose task takes 30 s on the stand-in's clock."""
    server.faults.task_seconds = 30.0
    runner = _runner(library, events if events is not None else [])
    base, mask = _inputs(data_dir)
    return runner, runner.submit(JobSpec(prompt="x"), base, mask, "coffee.png")


def _outside_identical(
    original: Image.Image, composite: Image.Image, mask: Image.Image, band: int
) -> bool:
    import cv2

    m = np.asarray(mask) > 127
    grown = cv2.dilate(m.astype(np.uint8), np.ones((2 * band + 3, 2 * band + 3), np.uint8)) > 0
    out = np.asarray(composite.convert("RGB"))
    return bool(np.array_equal(out[~grown], np.asarray(original)[~grown]))


def test_local_job_end_to_end(library: Library, data_dir: Path) -> None:
    events: list[JobEvent] = []
    runner = _runner(library, events)
    base, mask = _inputs(data_dir)
    job_id = runner.submit(
        JobSpec(prompt="", engine=EngineKind.LOCAL, n=2), base, mask, "coffee.png"
    )
    assert runner.run_next() == job_id
    job = library.get_job(job_id)
    assert job.status == JobStatus.DONE
    assert [r.index for r in job.results] == [0, 1]
    for r in job.results:
        assert r.composite_path is None  # made when asked for, not stored
        made = composite_image(job, r)
        assert made.size == base.size
        assert _outside_identical(base, made, mask, job.spec.feather)
    statuses = [e.status for e in events]
    assert statuses[0] == JobStatus.QUEUED and statuses[-1] == JobStatus.DONE
    assert events[-1].notice and "prompt" in events[-1].notice


def test_cloud_job_end_to_end(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    events: list[JobEvent] = []
    runner = _runner(library, events)
    base, mask = _inputs(data_dir, "rocket.jpg")
    job_id = runner.submit(JobSpec(prompt="一只戴红色眼镜的狗", n=2), base, mask, "rocket.jpg")
    runner.run_next()
    job = library.get_job(job_id)
    assert job.status == JobStatus.DONE, job.error_message
    assert job.task_id and fake_server_env.task(job.task_id) is not None
    assert job.image_count == 2
    assert len([r for r in job.results if r.path]) == 2
    for r in job.results:
        made = composite_image(job, r)
        assert made.size == base.size
        assert _outside_identical(base, made, mask, job.spec.feather)
    seen = [e.status for e in events]
    for stage in (
        JobStatus.PREPARING,
        JobStatus.UPLOADING,
        JobStatus.SUBMITTING,
        JobStatus.PENDING,
        JobStatus.DOWNLOADING,
        JobStatus.DONE,
    ):
        assert stage in seen
    assert len(fake_server_env.requests_to("image-synthesis", "POST")) == 1


def test_partial_failure_keeps_the_good_images(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    fake_server_env.faults.partial_failures = frozenset({1})
    job = _run_one(library, data_dir, JobSpec(prompt="a red cup", n=3))
    assert job.status == JobStatus.PARTIAL
    failed = [r for r in job.results if not r.path]
    assert [r.index for r in failed] == [1]
    assert failed[0].code and failed[0].message
    assert job.image_count == 2


def test_failed_task_records_the_service_code(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    fake_server_env.faults.fail_tasks = TaskFailure(code="DataInspectionFailed")
    events: list[JobEvent] = []
    job = _run_one(library, data_dir, JobSpec(prompt="x"), events)
    assert job.status == JobStatus.FAILED
    assert job.error_code == "DataInspectionFailed"
    assert events[-1].error is not None and events[-1].error.code == "DataInspectionFailed"


def test_stopped_job_resumes_after_restart(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    events: list[JobEvent] = []
    runner, job_id = _slow_cloud_job(fake_server_env, library, data_dir, events)
    pending = threading.Event()

    def stop_when_pending(e: JobEvent) -> None:
        events.append(e)
        if e.status in (JobStatus.PENDING, JobStatus.RUNNING) and library.get_job(e.job_id).task_id:
            pending.set()
            runner.request_stop()

    runner.on_event = stop_when_pending
    runner.run_next()
    assert pending.is_set()
    job = library.get_job(job_id)
    assert job.task_id and not job.status.is_finished
    fake_server_env.advance_time(60)  # the task finishes on the service meanwhile
    again = _runner(library, [])
    assert again.resume_unfinished() == [job_id]
    again.run_until_idle()
    assert library.get_job(job_id).status == JobStatus.DONE
    assert len(fake_server_env.requests_to("image-synthesis", "POST")) == 1


def test_expired_task_is_marked_and_inputs_kept(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    runner, job_id = _slow_cloud_job(fake_server_env, library, data_dir)

    def stop(e: JobEvent) -> None:
        if library.get_job(e.job_id).task_id:
            runner.request_stop()

    runner.on_event = stop
    runner.run_next()
    fake_server_env.advance_time(25 * 3600)
    again = _runner(library, [])
    again.resume_unfinished()
    again.run_until_idle()
    job = library.get_job(job_id)
    assert job.status == JobStatus.EXPIRED
    assert job.base_path.exists() and job.mask_path.exists()


def test_cancel_queued_job(library: Library, data_dir: Path) -> None:
    runner = _runner(library, [])
    base, mask = _inputs(data_dir)
    first = runner.submit(JobSpec(prompt="", engine=EngineKind.LOCAL), base, mask, "a")
    second = runner.submit(JobSpec(prompt="", engine=EngineKind.LOCAL), base, mask, "b")
    assert runner.cancel(second) is CancelOutcome.REMOVED
    runner.run_until_idle()
    assert library.get_job(first).status == JobStatus.DONE
    assert library.get_job(second).status == JobStatus.CANCELLED


def test_cloud_without_key_fails_with_a_clear_message(library: Library, data_dir: Path) -> None:
    job = _run_one(library, data_dir, JobSpec(prompt="x"))
    assert job.status == JobStatus.FAILED
    assert job.error_message and "API key" in job.error_message


def test_cancel_a_task_still_pending_on_the_service(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    runner, job_id = _slow_cloud_job(fake_server_env, library, data_dir)
    answers: list[CancelOutcome] = []

    def cancel_when_pending(e: JobEvent) -> None:
        if e.status == JobStatus.PENDING and library.get_job(e.job_id).task_id and not answers:
            answers.append(runner.cancel(e.job_id))

    runner.on_event = cancel_when_pending
    runner.run_next()
    assert answers == [CancelOutcome.CANCELLED]
    job = library.get_job(job_id)
    assert job.status == JobStatus.CANCELLED
    assert len(fake_server_env.requests_to("/cancel", "POST")) == 1


def test_one_tasks_in_progress_rule_for_the_start_a_change_and_each_model(
    library: Library,
) -> None:
    """The worker count a runner starts with is the one a changed setting gives it, and each
    model keeps at least its own number of tasks in progress, never fewer than the setting."""
    for setting in (1, 2, 3):
        settings = Settings(tasks_in_progress=setting)
        runner = JobRunner(library, settings=settings, key_store=ApiKeyStore(settings))
        try:
            at_start = runner.max_in_progress
            runner.set_max_in_progress(setting)
            assert runner.max_in_progress == at_start == max(setting, MAX_TASKS_IN_PROGRESS)
        finally:
            runner.close()
        assert tasks_in_progress_allowed(setting, MODEL_X_PAINTING) == max(setting, 1)
        assert tasks_in_progress_allowed(setting, MODEL_IMAGEEDIT) == max(setting, 2)


@pytest.mark.parametrize("in_progress", [1, 2])
def test_tasks_in_progress_limit(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path, in_progress: int
) -> None:
    """Two jobs run side by side; the service sees at most `in_progress` tasks at a time."""
    fake_server_env.faults.task_seconds = 0.6
    fake_server_env.faults.max_in_progress = 2
    settings = Settings(tasks_in_progress=1)
    events: list[JobEvent] = []
    runner = JobRunner(
        library, settings=settings, key_store=ApiKeyStore(settings), on_event=events.append
    )
    runner.start()
    settings.tasks_in_progress = in_progress  # the setting changed (as Preferences do it):
    runner.set_max_in_progress(in_progress)  # the worker set follows
    # one worker per task any model may have in progress, or the setting's number if higher
    assert runner.max_in_progress == max(in_progress, MAX_TASKS_IN_PROGRESS)
    base, mask = _inputs(data_dir)
    first = runner.submit(JobSpec(prompt="one"), base, mask, "a")
    second = runner.submit(JobSpec(prompt="two"), base, mask, "b")
    runner.run_until_idle()
    assert library.get_job(first).status == JobStatus.DONE
    assert library.get_job(second).status == JobStatus.DONE

    def at(job_id: int, status: JobStatus) -> int:
        return next(i for i, e in enumerate(events) if e.job_id == job_id and e.status == status)

    created = sorted((at(j, JobStatus.SUBMITTING), j) for j in (first, second))
    (_, earlier), (later_created, _) = created
    earlier_finished = at(earlier, JobStatus.DOWNLOADING)
    if in_progress == 1:
        assert later_created > earlier_finished  # waited for the first task to end
    else:
        assert later_created < earlier_finished  # both tasks were on the service at once


@pytest.mark.parametrize("keep_result", [True, False])
def test_stopping_a_running_task_stops_only_the_waiting(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path, keep_result: bool
) -> None:
    """A RUNNING task cannot be cancelled on the service: its paid result is still fetched,
    unless the person says to leave it."""
    runner, job_id = _slow_cloud_job(fake_server_env, library, data_dir)
    answers: list[CancelOutcome] = []

    def stop_when_running(e: JobEvent) -> None:
        if not answers and e.status == JobStatus.PENDING and library.get_job(job_id).task_id:
            fake_server_env.advance_time(15)  # the task starts running on the service
            answers.append(runner.cancel(job_id, keep_result=keep_result))

    runner.on_event = stop_when_running
    runner.run_next()
    expected = CancelOutcome.STOPPED_WAITING if keep_result else CancelOutcome.ABANDONED
    assert answers == [expected]
    assert fake_server_env.requests_to("/cancel", "POST")  # it was asked, and refused
    job = library.get_job(job_id)
    if keep_result:
        assert not job.status.is_finished
        assert runner.pending_ids() == [job_id]  # queued again, behind any other job
        fake_server_env.advance_time(60)
        runner.run_until_idle()
        assert library.get_job(job_id).status is JobStatus.DONE
    else:
        assert job.status is JobStatus.CANCELLED
        assert job.error_message and "billed" in job.error_message
        assert runner.pending_ids() == []
    runner.close()
    assert len(fake_server_env.tasks) == 1


def test_a_job_no_longer_waited_for_cannot_be_cancelled_out_of_its_paid_result(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    """After Stop waiting, any further cancel (queued again, or fetching again) only reports
    that the task runs on: the billed result is still downloaded into the library."""
    runner, job_id = _slow_cloud_job(fake_server_env, library, data_dir)
    answers: list[CancelOutcome] = []

    def stop_when_running(e: JobEvent) -> None:
        if not answers and e.status == JobStatus.PENDING and library.get_job(job_id).task_id:
            fake_server_env.advance_time(15)  # the task starts running on the service
            answers.append(runner.cancel(job_id))

    runner.on_event = stop_when_running
    runner.run_next()
    assert answers == [CancelOutcome.STOPPED_WAITING]
    assert runner.pending_ids() == [job_id]

    # Cancelled again while it waits in the queue: it stays queued, not cancelled.
    assert runner.cancel(job_id) is CancelOutcome.STOPPED_WAITING
    assert runner.cancel(job_id, keep_result=False) is CancelOutcome.STOPPED_WAITING
    assert runner.pending_ids() == [job_id]
    assert library.get_job(job_id).status is not JobStatus.CANCELLED

    # And once more while the result is being fetched.
    again: list[CancelOutcome] = []

    def cancel_while_fetching(e: JobEvent) -> None:
        if e.job_id == job_id and not again and not e.status.is_finished:
            again.append(runner.cancel(job_id))

    runner.on_event = cancel_while_fetching
    fake_server_env.advance_time(60)
    runner.run_until_idle()
    assert again == [CancelOutcome.STOPPED_WAITING]
    job = library.get_job(job_id)
    assert job.status is JobStatus.DONE
    assert job.results and all(r.path is not None and r.path.is_file() for r in job.results)
    assert runner.pending_ids() == []
    assert runner.cancel(job_id) is CancelOutcome.NOT_RUNNING  # finished: nothing held back
    runner.close()
    assert len(fake_server_env.tasks) == 1
