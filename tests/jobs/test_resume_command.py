"""`xpaint-desktop resume`: one line per job, a person's choice, exit 0 or 3."""

from __future__ import annotations

import io
from pathlib import Path

from tests.fakeserver.faults import DropRule
from tests.fakeserver.server import FakeDashScope
from tests.jobs.reconcile_helpers import inputs
from tests.jobs.test_reconcile import waiting_for_a_choice
from xpaint_desktop.cli import EXIT_OK, EXIT_UNFINISHED, main
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
