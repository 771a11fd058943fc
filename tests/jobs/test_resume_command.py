"""`xpaint-desktop resume`: one line per job, a person's choice, exit 0 or 3."""

from __future__ import annotations

import io
import json
from pathlib import Path

from tests.fakeserver.faults import DropRule
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import fast_runner, inputs
from tests.jobs.test_reconcile import waiting_for_a_choice
from xpaint_desktop.cli import EXIT_OK, EXIT_UNFINISHED, main
from xpaint_desktop.jobs.runner import CancelOutcome, JobEvent
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import load_settings
from xpaint_desktop.spec import JobSpec


def _resume(*words: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["resume", *words], out, err)
    return status, out.getvalue()


def test_resume_names_the_candidates_and_adopts_the_chosen_task(
    fake_server_env: FakeDashScope, data_dir: Path
) -> None:
    server = fake_server_env
    with Library(load_settings().library_path()) as library:
        runner, waiting, (theirs,) = waiting_for_a_choice(
            server, library, data_dir, 1, DropRule(after_processing=True)
        )
        base, mask = inputs(data_dir)
        done = runner.submit(JobSpec(prompt="a dog"), base, mask, "coffee.png")
        runner.close()
        mine = next(t.task_id for t in server.tasks if t.task_id != theirs)

    status, text = _resume()
    lines = text.splitlines()
    assert status == EXIT_UNFINISHED
    assert len(lines) == 2, text
    assert lines[0].startswith(f"job {waiting}: waiting for a choice")
    assert theirs in lines[0] and mine in lines[0] and "--adopt TASK_ID" in lines[0]
    assert lines[1] == f"job {done}: finished: 1 image(s)"

    status, text = _resume("--adopt", mine)
    assert status == EXIT_OK
    assert text == f"job {waiting}: adopted ({mine}), finished: 1 image(s)\n"
    assert len(server.tasks) == 3  # the two of the first job's moment and the second job's

    status, text = _resume()
    assert (status, text) == (EXIT_OK, "nothing to resume\n")


def test_adopting_a_task_no_job_waits_for_is_refused(fake_server_env: FakeDashScope) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["resume", "--adopt", "no-such-task"], out, err) == 2
    assert "No job waiting for a choice lists task no-such-task" in err.getvalue()


def test_resume_says_a_task_no_longer_waited_for_runs_on_and_is_billed(
    fake_server_env: FakeDashScope, data_dir: Path
) -> None:
    """A job whose waiting was stopped while its task runs (and another process, such as the
    window, still holds it): `resume` says the task runs on, billed, and that the next
    `resume` fetches its images; then it does."""
    server = fake_server_env
    server.faults.task_seconds = 30.0
    with Library(load_settings().library_path()) as library:
        runner = fast_runner(library)
        base, mask = inputs(data_dir)
        job_id = runner.submit(JobSpec(prompt="a dog"), base, mask, "coffee.png")
        answers: list[CancelOutcome] = []

        def stop_when_running(e: JobEvent) -> None:
            if not answers and e.status is JobStatus.PENDING and library.get_job(job_id).task_id:
                server.advance_time(15)  # the task starts running on the service
                answers.append(runner.cancel(job_id))

        runner.on_event = stop_when_running
        runner.run_next()
        runner.close()
        assert answers == [CancelOutcome.STOPPED_WAITING]
        task_id = library.get_job(job_id).task_id
        held = library.claim_job(job_id)  # still waited on elsewhere
        assert held is not None
        try:
            status, text = _resume()
            assert status == EXIT_UNFINISHED
            assert text == (
                f"job {job_id}: still running on the service (task {task_id}), which bills "
                "it; the next `xpaint-desktop resume` fetches its images\n"
            )
            assert "try again later" not in text
            status, text = _resume("--json")
            (doc,) = json.loads(text)["jobs"]
            assert doc["task_running_on_service"] is True
            assert doc["next_resume_fetches_images"] is True
        finally:
            held.release()

    server.advance_time(60)
    status, text = _resume("--json")
    (doc,) = json.loads(text)["jobs"]
    assert status == EXIT_OK
    assert doc["status"] == "done" and doc["resume"] == "finished: 1 image(s)"
    assert doc["task_running_on_service"] is False
    assert doc["next_resume_fetches_images"] is False
    assert len(server.tasks) == 1  # fetched, never sent again
