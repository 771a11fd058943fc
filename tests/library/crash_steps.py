"""Runs one job's library steps in a child process that the crash tests kill.

Usage: python crash_steps.py LIBRARY_ROOT stepwise|loop

`stepwise`: performs create -> set_task_id -> save_result 0 -> save_result 1 -> set_status done,
printing `step N JOB_ID` after each and waiting for a line on stdin before the next, so the test
can kill it with SIGKILL right after any step.
`loop`: keeps rewriting results and statuses of one job as fast as it can, printing `ready JOB_ID`
once, so the test can kill it at an arbitrary moment in the middle of a write.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library
from xpaint_desktop.spec import JobSpec

BASE = Image.new("RGB", (300, 200), (10, 120, 200))
MASK = Image.new("L", (300, 200), 255)
RESULT = Image.effect_noise((300, 200), 60).convert("RGB")


def stepwise(lib: Library) -> None:
    job = lib.create_job(JobSpec(prompt="crash test 崩溃", n=2), BASE, MASK, "crash.png")
    steps = [
        lambda: lib.set_task_id(job.id, "task-crash"),
        lambda: lib.save_result(job.id, 0, RESULT, composite=BASE),
        lambda: lib.save_result(job.id, 1, RESULT, composite=BASE),
        lambda: lib.set_status(job.id, JobStatus.DONE),
    ]
    print(f"step 1 {job.id}", flush=True)
    for number, step in enumerate(steps, start=2):
        sys.stdin.readline()
        step()
        print(f"step {number} {job.id}", flush=True)
    sys.stdin.readline()


def loop(lib: Library) -> None:
    job = lib.create_job(JobSpec(prompt="crash loop", n=4), BASE, MASK, "loop.png")
    lib.set_task_id(job.id, "task-loop")
    # Large, already encoded downloads: most of the time goes into writing files.
    download = io.BytesIO()
    Image.effect_noise((2000, 2000), 90).save(download, format="PNG", compress_level=0)
    print(f"ready {job.id}", flush=True)
    i = 0
    while True:
        lib.save_result(job.id, i % 4, download.getvalue())
        lib.set_status(job.id, JobStatus.DOWNLOADING)
        lib.create_job(JobSpec(prompt=f"more {i}"), BASE, MASK, "more.png")
        i += 1


if __name__ == "__main__":
    with Library.open(Path(sys.argv[1])) as library:
        (stepwise if sys.argv[2] == "stepwise" else loop)(library)
