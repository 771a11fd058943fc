"""One of several processes that use one library at once (see test_many_processes.py).

Usage: python many_steps.py ROLE SECONDS   (library: XPAINT_HOME; service: DASHSCOPE_* env)

ROLE is `create` (submit cloud jobs; every third one is left queued, as if the window closed
before running it), `resume` (pick up whatever is unfinished), `browse` (read, search and check
every record) or `delete` (create jobs of its own and delete them). Each line on stdout is
`created ID PROMPT` or `deleted ID`; the process exits 1 on any inconsistency it sees.
"""

from __future__ import annotations

import os
import sys
import time

from PIL import Image

from xpaint_desktop.jobs.runner import JobRunner
from xpaint_desktop.library.store import Library
from xpaint_desktop.settings import load_settings
from xpaint_desktop.spec import ContextMode, JobSpec

BASE = Image.new("RGB", (320, 320), (40, 120, 200))
MASK = Image.new("L", (320, 320), 0)
MASK.paste(255, (100, 100, 200, 200))


def say(text: str) -> None:
    print(text, flush=True)


def spec(prompt: str) -> JobSpec:
    return JobSpec(prompt=prompt, context=ContextMode.FULL)


def create(lib: Library, runner: JobRunner, until: float) -> None:
    i = 0
    while time.monotonic() < until:
        prompt = f"create-{os.getpid()}-{i}"
        if i % 3 == 2:  # queued and never run here, like a window closed right after Generate
            job_id = lib.create_job(spec(prompt), BASE, MASK, "p.png").id
            say(f"created {job_id} {prompt}")
        else:
            job_id = runner.submit(spec(prompt), BASE, MASK, "p.png")
            say(f"created {job_id} {prompt}")
            runner.run_next()
        i += 1


def resume(lib: Library, runner: JobRunner, until: float) -> None:
    while time.monotonic() < until:
        runner.resume_unfinished()
        runner.run_until_idle()
        time.sleep(0.1)


def browse(lib: Library, runner: JobRunner, until: float) -> None:
    while time.monotonic() < until:
        for job in lib.list_jobs(limit=200):
            for result in job.results:
                missing = result.ok and (result.path is None or not result.path.is_file())
                # jobs of a deleter vanish file first, row second: only the others must hold
                if missing and not job.prompt.startswith("delete-"):
                    raise SystemExit(f"job {job.id}: result file missing")
        lib.count_jobs(search="create")
        time.sleep(0.05)


def delete(lib: Library, runner: JobRunner, until: float) -> None:
    i = 0
    while time.monotonic() < until:
        prompt = f"delete-{os.getpid()}-{i}"
        job_id = runner.submit(spec(prompt), BASE, MASK, "d.png")
        say(f"created {job_id} {prompt}")
        runner.run_next()
        lib.delete_job(job_id)
        say(f"deleted {job_id}")
        i += 1


ROLES = {"create": create, "resume": resume, "browse": browse, "delete": delete}

if __name__ == "__main__":
    role, seconds = sys.argv[1], float(sys.argv[2])
    settings = load_settings()
    with Library(settings.library_path()) as library:
        job_runner = JobRunner(library, settings=settings)
        try:
            ROLES[role](library, job_runner, time.monotonic() + seconds)
        finally:
            job_runner.close()
