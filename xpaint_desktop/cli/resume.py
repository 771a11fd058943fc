"""`xpaint-desktop resume`: finish every unfinished job; adopt a task or send a job again."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from xpaint_desktop import APP_NAME
from xpaint_desktop.cli.common import (
    EXIT_OK,
    EXIT_UNFINISHED,
    Progress,
    open_library,
    result_json,
    write_json,
)
from xpaint_desktop.errors import InputError

if TYPE_CHECKING:
    from xpaint_desktop.jobs.runner import JobRunner
    from xpaint_desktop.library.models import JobRecord


def cmd_resume(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from xpaint_desktop.jobs.runner import JobRunner

    settings, library = open_library()
    with library:
        runner = JobRunner(library, settings=settings, on_event=Progress(err))
        try:
            if args.adopt:
                _adopt(runner, args.adopt.strip())
            if args.send_again is not None:
                _send_again(runner, args.send_again)
            ids = runner.resume_unfinished()
            runner.run_until_idle()
        finally:
            runner.close()
        jobs = library.get_jobs(ids)
    if args.json:
        doc = [
            {
                **result_json(j),
                "resume": _resume_line(j, runner),
                "task_running_on_service": _on_service(j),
                "next_resume_fetches_images": _on_service(j),
            }
            for j in jobs
        ]
        write_json(out, "ok", f"{len(jobs)} job(s) resumed", jobs=doc)
    else:
        if not jobs:
            out.write("nothing to resume\n")
        for j in jobs:
            out.write(f"job {j.id}: {_resume_line(j, runner)}\n")
    return EXIT_UNFINISHED if any(not j.status.is_finished for j in jobs) else EXIT_OK


def _waiting_jobs(runner: JobRunner) -> list[JobRecord]:
    from xpaint_desktop.library.models import JobStatus

    return [j for j in runner.library.unfinished_jobs() if j.status is JobStatus.AWAITING_CHOICE]


def _adopt(runner: JobRunner, task_id: str) -> None:
    for job in _waiting_jobs(runner):
        if any(c.task_id == task_id for c in runner.candidates(job.id)):
            runner.adopt(job.id, task_id)
            return
    raise InputError(
        f"No job waiting for a choice lists task {task_id}. Run `{APP_NAME} resume` to see "
        "the waiting jobs and their candidate tasks."
    )


def _send_again(runner: JobRunner, job_id: int) -> None:
    if job_id not in {j.id for j in _waiting_jobs(runner)}:
        raise InputError(
            f"Job {job_id} is not waiting for a choice; only such a job can be sent again "
            "from here (others are resumed or run again in the window)."
        )
    runner.send_again(job_id)


def _on_service(job: JobRecord) -> bool:
    """Whether the job's task was left running on the service (its waiting stopped, in this
    process or another): it is billed, and the next `resume` fetches its images."""
    from xpaint_desktop.library.models import JobStatus

    on_service = (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.SUSPENDED, JobStatus.DOWNLOADING)
    return bool(job.task_id) and job.status in on_service


def _resume_line(job: JobRecord, runner: JobRunner) -> str:
    """What happened to one job, in one line."""
    from xpaint_desktop.library.models import JobStatus

    how = runner.settled(job.id)
    prefix = f"{how} ({job.task_id}), " if how == "adopted" else f"{how}, " if how else ""
    ok = sum(1 for r in job.results if r.path)
    match job.status:
        case JobStatus.DONE:
            return f"{prefix}finished: {ok} image(s)"
        case JobStatus.PARTIAL:
            missing = len(job.missing_downloads)
            tail = f"; {missing} still to download" if missing else ""
            return f"{prefix}partly finished: {ok} of {len(job.results)} image(s){tail}"
        case JobStatus.AWAITING_CHOICE:
            return (
                f"waiting for a choice: {job.error_message} Then run `{APP_NAME} resume "
                f"--adopt TASK_ID` or `{APP_NAME} resume --send-again {job.id}`."
            )
        case JobStatus.EXPIRED:
            return f"{prefix}expired: {job.error_message}"
        case JobStatus.FAILED:
            return f"{prefix}failed: {job.error_message}"
        case JobStatus.CANCELLED:
            return f"{prefix}cancelled"
    if _on_service(job):
        return (
            f"{prefix}still running on the service (task {job.task_id}), which bills it; "
            f"the next `{APP_NAME} resume` fetches its images"
        )
    return f"{prefix}not finished ({job.status.value}): {job.error_message or 'try again later'}"
