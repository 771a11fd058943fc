"""What the service says about a task, and what the runner makes of it (stand-in, sockets)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.fakeserver.faults import ErrorBurst
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import fast_runner, inputs, task_from_another_device
from xpaint_desktop.api import DashScopeClient, TaskStatus
from xpaint_desktop.errors import Cancellation
from xpaint_desktop.jobs.runner import JobEvent
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.notes import duration_text
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec


def test_a_passing_unknown_is_asked_again_not_taken_for_expiry(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    server = fake_server_env
    server.faults.task_seconds = 0.3
    # the first query of the task answers 200 without `output`: UNKNOWN
    server.faults.script_path = "/tasks/"
    server.faults.script = [ErrorBurst(status=200, code="", message="")]
    runner = fast_runner(library)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")
    runner.run_next()
    runner.close()
    assert not server.faults.script
    assert library.get_job(job_id).status is JobStatus.DONE
    assert len(server.tasks) == 1


def test_a_young_task_the_service_never_knows_is_checked_then_concluded(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    server = fake_server_env
    runner = fast_runner(library)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")
    runner.adopt(job_id, "no-such-task")
    runner.run_next()
    runner.close()
    job = library.get_job(job_id)
    assert job.status is JobStatus.EXPIRED
    assert job.error_code == "TaskUnknown" and "younger than" in (job.error_message or "")
    assert len(server.requests_to("/tasks/no-such-task", "GET")) == 3  # first answer + 2 rechecks
    listed = [r for r in server.requests_to("/tasks/", "GET") if "task_id" in r.query]
    assert [r.query["task_id"] for r in listed] == [["no-such-task"]]
    assert server.tasks == []


def test_a_task_cancelled_elsewhere_is_its_own_outcome(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    server = fake_server_env
    server.faults.task_seconds = 30.0
    events: list[JobEvent] = []
    runner = fast_runner(library, events)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")

    def cancel_from_another_client(e: JobEvent) -> None:
        events.append(e)
        task_id = library.get_job(job_id).task_id
        if e.status is JobStatus.PENDING and task_id and not server.requests_to("/cancel"):
            with DashScopeClient(server.api_key, server.base_url) as other:
                other.cancel_task(task_id)

    runner.on_event = cancel_from_another_client
    runner.run_next()
    runner.close()
    assert library.get_job(job_id).status is JobStatus.CANCELLED
    assert events[-1].cancellation is Cancellation.ON_SERVICE
    assert "cancelled on the service" in events[-1].message


def test_suspended_and_long_pending_are_shown_with_their_duration(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    server = fake_server_env
    server.faults.task_seconds = 3.0  # about 0.9 s PENDING, then 0.9 s SUSPENDED
    server.faults.suspend = True
    events: list[JobEvent] = []
    runner = fast_runner(library, events)
    base, mask = inputs(data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")
    runner.run_next()
    runner.close()
    assert library.get_job(job_id).status is JobStatus.DONE
    texts = [e.message for e in events if e.status is JobStatus.SUSPENDED]
    assert texts[0].endswith("SUSPENDED")
    assert any(" SUSPENDED for " in t for t in texts[1:]), texts
    assert any(" PENDING for " in e.message for e in events if e.status is JobStatus.PENDING)
    assert duration_text(45) == "45 s"
    assert duration_text(185) == "3 min 5 s"
    assert duration_text(7440) == "2 h 4 min"


def test_tasks_in_progress_elsewhere_come_from_the_list(
    fake_server_env: FakeDashScope, library: Library, data_dir: Path
) -> None:
    """The usage view's data: the account's running tasks that this library does not own."""
    server = fake_server_env
    server.other_keys = ("sk-another-device-01",)
    server.faults.max_in_progress = 3
    runner = fast_runner(library)
    base, mask = inputs(data_dir)
    server.faults.task_seconds = 0.0
    task_from_another_device(server, data_dir)  # finished at once: not in progress
    server.faults.task_seconds = 600.0
    theirs = task_from_another_device(server, data_dir)
    job_id = runner.submit(JobSpec(prompt="a cat"), base, mask, "coffee.png")
    runner.start()
    while not library.get_job(job_id).task_id:
        time.sleep(0.05)
    elsewhere = runner.tasks_in_progress_elsewhere()
    runner.request_stop()
    runner.run_until_idle()
    runner.close()
    assert [t.task_id for t in elsewhere] == [theirs]
    assert elsewhere[0].status in (TaskStatus.PENDING, TaskStatus.RUNNING)
