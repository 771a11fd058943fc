"""The worker thread writes while the UI thread reads (and marks favourites) at the same time."""

from __future__ import annotations

import threading

from tests.library.helpers import TINY, TINY_MASK, make_spec
from xpaint_desktop.library.models import JobStatus
from xpaint_desktop.library.store import Library

JOBS = 40


def test_worker_writes_while_the_ui_reads(library: Library) -> None:
    errors: list[BaseException] = []
    finished = threading.Event()

    def worker() -> None:
        try:
            for i in range(JOBS):
                job = library.create_job(make_spec(f"job {i}"), TINY, TINY_MASK, f"{i}.png")
                library.set_task_id(job.id, f"task-{i}")
                library.set_status(job.id, JobStatus.RUNNING)
                library.save_result(job.id, 0, TINY)
                library.save_result_failure(job.id, 1, "Failed", "no luck")
                library.set_status(job.id, JobStatus.PARTIAL)
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            finished.set()

    thread = threading.Thread(target=worker)
    thread.start()
    reads = 0
    while not finished.is_set() or reads == 0:
        for job in library.list_jobs():
            # Each read is one snapshot: a finished job always comes with both results.
            if job.status is JobStatus.PARTIAL:
                assert [r.index for r in job.results] == [0, 1]
                assert job.task_id is not None
            if job.id % 2 == 0:
                library.set_favourite(job.id, True)
        reads += 1
    thread.join()

    assert errors == []
    jobs = library.list_jobs()
    assert len(jobs) == JOBS
    assert all(j.status is JobStatus.PARTIAL and len(j.results) == 2 for j in jobs)
    assert library.count_jobs(search="job 3") == sum("3" in str(i) for i in range(JOBS))
