"""Lost creation answers are settled with the task list: never billed twice, never left behind.

Every test runs the real runner, engine and client against the stand-in over sockets and
counts the tasks the stand-in itself created.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.fakeserver.faults import DropRule, ErrorBurst, Fault
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import (
    FAST_SETTLE,
    REQUEST_TIMEOUT_S,
    fast_runner,
    inputs,
    task_from_another_device,
)
from xpaint_desktop.jobs.runner import JobEvent, JobRunner, Settled
from xpaint_desktop.library.models import JobRecord, JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec

CREATE = "image-synthesis"


def _assert_one_task_and_its_results(server: FakeDashScope, job: JobRecord) -> None:
    (task,) = server.tasks
    assert job.task_id == task.task_id
    assert job.status is JobStatus.DONE, job.error_message
    assert job.results and all(r.path and r.path.exists() for r in job.results)


LOST_AFTER_CREATION: dict[str, Fault] = {
    "dropped connection": DropRule(path_contains=CREATE, after_processing=True),
    "500": ErrorBurst(status=500, after_processing=True),
    "502": ErrorBurst(status=502, code="", after_processing=True),
    "503": ErrorBurst(status=503, code="ModelUnavailable", after_processing=True),
    "504": ErrorBurst(status=504, code="", after_processing=True),
    "read timeout": DropRule(after_processing=True, stall_s=REQUEST_TIMEOUT_S + 1.5),
}
LOST_BEFORE_CREATION: dict[str, Fault] = {
    "dropped connection": DropRule(),
    "503": ErrorBurst(status=503, code="ModelUnavailable"),
}


def _run_with(server: FakeDashScope, library: Library, data_dir: Path, fault: Fault) -> JobRecord:
    server.faults.script_path = CREATE
    server.faults.script = [fault]
    events: list[JobEvent] = []
    runner = fast_runner(library, events)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat", n=2), base, mask, "coffee.png")
    runner.run_next()
    runner.close()
    assert JobStatus.UNCERTAIN in [e.status for e in events]  # it was checked, then went on
    return library.get_job(job_id)


CASES = [(f"after creation: {k}", f, 1) for k, f in LOST_AFTER_CREATION.items()] + [
    (f"before creation: {k}", f, 2) for k, f in LOST_BEFORE_CREATION.items()
]


@pytest.mark.parametrize(("case", "fault", "requests"), CASES, ids=[c[0] for c in CASES])
def test_a_lost_creation_answer_ends_with_exactly_one_task(
    fake_server_env: FakeDashScope,
    library: Library,
    data_dir: Path,
    case: str,
    fault: Fault,
    requests: int,
) -> None:
    """A task made before the answer was lost is adopted (one request); a request lost before
    the service acted is sent again once the list has had time to show a task (two)."""
    job = _run_with(fake_server_env, library, data_dir, fault)
    _assert_one_task_and_its_results(fake_server_env, job)
    assert len(fake_server_env.requests_to(CREATE, "POST")) == requests, case


def test_a_listing_that_lags_is_waited_for_not_taken_for_nothing(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    """The first listings show nothing; the engine waits its settle time and finds the task."""
    fake_server_env.faults.list_lag_s = 0.3  # shorter than the engine's settle time
    job = _run_with(fake_server_env, library, data_dir, DropRule(after_processing=True))
    _assert_one_task_and_its_results(fake_server_env, job)
    listings = fake_server_env.requests_to("/tasks/", "GET")
    assert len([r for r in listings if "page_no" in r.query]) >= 2


def test_process_killed_between_sending_and_storing_the_id(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path, tmp_path: Path
) -> None:
    """A real process, SIGKILLed while its creation request is in flight; `resume` adopts."""
    fake_server_env.faults.script_path = CREATE
    fake_server_env.faults.script = [DropRule(after_processing=True, stall_s=30)]
    base, mask = inputs(data_dir)
    base.save(tmp_path / "photo.png")
    mask.save(tmp_path / "mask.png")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xpaint_desktop",
            "inpaint",
            str(tmp_path / "photo.png"),
            str(tmp_path / "mask.png"),
            "-p",
            "a cat",
            "--engine",
            "cloud",
        ],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not fake_server_env.tasks:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the task was never created"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    library_path = Path(os.environ["XPAINT_HOME"])
    with Library.open(_library_root(library_path)) as lib:
        (job,) = lib.list_jobs()
        assert job.task_id is None and job.creation_sent_at is not None
        runner = fast_runner(lib)
        assert runner.resume_unfinished() == [job.id]
        runner.run_until_idle()
        runner.close()
        assert runner.settled(job.id) == Settled.ADOPTED
        _assert_one_task_and_its_results(fake_server_env, lib.get_job(job.id))


def _library_root(home: Path) -> Path:
    from xpaint_desktop.settings import load_settings

    assert home.exists()
    return load_settings().library_path()


def waiting_for_a_choice(
    server: FakeDashScope, library: Library, data_dir: Path, others: int, fault: Fault
) -> tuple[JobRunner, int, list[str]]:
    """A job whose creation answer is lost while `others` tasks of another device exist."""
    server.other_keys = ("sk-another-device-01",)
    base, mask = inputs(data_dir)
    # the other device's tasks are made before this job's request goes out; a wide clock
    # margin keeps them candidates however long a loaded machine takes to prepare the job
    runner = fast_runner(library, settle=replace(FAST_SETTLE, clock_margin=timedelta(seconds=60)))
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")
    theirs = [task_from_another_device(server, data_dir) for _ in range(others)]
    server.faults.script_path = CREATE
    server.faults.script = [fault]
    runner.run_next()
    job = library.get_job(job_id)
    assert job.status is JobStatus.AWAITING_CHOICE
    assert all(t in (job.error_message or "") for t in theirs)
    return runner, job_id, theirs


def test_two_candidates_wait_for_a_person_who_adopts_one(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    runner, job_id, (theirs,) = waiting_for_a_choice(
        fake_server_env, library, data_dir, 1, DropRule(after_processing=True)
    )
    candidates = runner.candidates(job_id)
    assert len(candidates) == 2 and len(fake_server_env.tasks) == 2
    mine = next(c.task_id for c in candidates if c.task_id != theirs)
    runner.adopt(job_id, mine)
    runner.run_until_idle()
    runner.close()
    job = library.get_job(job_id)
    assert job.status is JobStatus.DONE and job.task_id == mine
    assert len(fake_server_env.tasks) == 2  # nothing more was created


def test_a_person_may_send_a_job_again_instead(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    # lost before anything was made, while another device made two tasks
    runner, job_id, _ = waiting_for_a_choice(fake_server_env, library, data_dir, 2, DropRule())
    runner.send_again(job_id)
    runner.run_until_idle()
    runner.close()
    job = library.get_job(job_id)
    assert job.status is JobStatus.DONE
    assert len(fake_server_env.tasks) == 3


def test_twenty_jobs_through_faults_make_exactly_twenty_tasks(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    server = fake_server_env
    server.faults.max_in_progress = 2
    throttled = ErrorBurst(status=429, code="Throttling.RateQuota", message="slow down")
    server.faults.script_path = CREATE
    server.faults.script = [
        DropRule(after_processing=True),
        None,
        ErrorBurst(status=500, after_processing=True),
        throttled,
        DropRule(),
        None,
        ErrorBurst(status=503, code="ModelUnavailable", after_processing=True),
        DropRule(after_processing=True, stall_s=REQUEST_TIMEOUT_S + 0.5),
        ErrorBurst(status=502, code=""),
        throttled,
        throttled,
        ErrorBurst(status=504, code="", after_processing=True),
        None,
        DropRule(after_processing=True),
        ErrorBurst(status=500),
    ]
    server.faults.drop_next = DropRule(count=3, path_contains="/results/")
    runner = fast_runner(library, in_progress=2)
    base, mask = inputs(data_dir)
    ids = [runner.submit(JobSpec(prompt=f"job {i}"), base, mask, "coffee.png") for i in range(20)]
    runner.run_until_idle()
    runner.close()
    jobs = library.get_jobs(ids)
    assert [j.status for j in jobs] == [JobStatus.DONE] * 20, [j.error_message for j in jobs]
    assert len(server.tasks) == 20
    assert sorted(j.task_id or "" for j in jobs) == sorted(t.task_id for t in server.tasks)
    assert not server.faults.script  # every fault was met


def test_a_result_that_fails_to_download_costs_only_itself(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    """Of three results the second answers 404: the others are kept, the job is partial (not
    expired), and `resume` fetches the missing one from the same task."""
    server = fake_server_env
    server.faults.error_burst = ErrorBurst(
        count=1000, status=404, code="NoSuchKey", message="gone", path_contains="/1.png"
    )
    runner = fast_runner(library)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat", n=3), base, mask, "coffee.png")
    runner.run_next()
    job = library.get_job(job_id)
    assert job.status is JobStatus.PARTIAL
    assert [r.ok for r in job.results] == [True, False, True]
    assert job.missing_downloads == (1,)
    assert "24 hours" not in (job.results[1].message or "")
    assert job.is_resumable
    server.faults.error_burst = None
    assert runner.resume_unfinished() == [job_id]
    runner.run_until_idle()
    runner.close()
    job = library.get_job(job_id)
    assert job.status is JobStatus.DONE and [r.ok for r in job.results] == [True, True, True]
    assert len(server.tasks) == 1
